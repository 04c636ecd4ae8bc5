using System.Numerics;
using SpineKit.Anatomy;
using SpineKit.Imaging;
using SpineKit.Imaging.Drawing;

namespace SpineKit.Detection.Segmentation.PostProcessing;

/// <summary>
/// The per-vertebra output as a 16-bit label image: each pixel holds the number of the <see cref="VertebraLevel"/>
/// its vertebral body was assigned (C1 = 1 ... C7 = 7, T1 = 8 ... T12 = 19, T13 = 20, L1 = 21 ... L5 = 25, L6 = 26,
/// S1 = 27), 0 where there is no body, and <see cref="UnknownLevel"/> on a body no level could be assigned to.
/// The numbers are the enum's own, so a transitional T13 or L6 keeps a value of its own and never shifts the others.
/// </summary>
public static class LevelLabelImage
{
    /// <summary>The value of body pixels without a level (the largest 16-bit value, far from every level).</summary>
    public const ushort UnknownLevel = ushort.MaxValue;

    /// <summary>The label image of <paramref name="instances"/> (16-bit, one channel).</summary>
    public static Image<ushort> Render(SegmentedVertebrae instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var labels = instances.Labels;
        var valueOf = new ushort[labels.Count + 1];
        Array.Fill(valueOf, UnknownLevel);
        valueOf[0] = 0;
        foreach (var vertebra in instances.Vertebrae)
        {
            valueOf[vertebra.Label] = vertebra.Level is { } level ? (ushort)level : UnknownLevel;
        }

        var image = new Image<ushort>(labels.Width, labels.Height, 1, 16);
        for (var i = 0; i < image.Pixels.Length; i++)
        {
            image.Pixels[i] = valueOf[labels.Labels[i]];
        }

        return image;
    }

    /// <summary>
    /// The label image of corner quadrilaterals filled by level (vertebrae with both endplates; where two overlap the
    /// lower one wins): the per-vertebra truth the labelled corners give.
    /// </summary>
    public static Image<ushort> Render(LandmarkSet landmarks)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        var image = new Image<ushort>(landmarks.Size.Width, landmarks.Size.Height, 1, 16);

        // The polygon filler paints RGB bytes; every level number fits in one.
        var canvas = new Image<byte>(image.Width, image.Height, 3);
        foreach (var vertebra in landmarks.Vertebrae.Where(v => v.HasLowerEndplate))
        {
            var value = (byte)vertebra.Level;
            Vector2[] quad = LandmarkGuide.Grown(vertebra, 0, 0);
            Draw.FillPolygon(canvas, quad, new Rgb(value, value, value));
        }

        for (var i = 0; i < image.Pixels.Length; i++)
        {
            image.Pixels[i] = canvas.Pixels[i * 3];
        }

        return image;
    }
}
