using System.Numerics;
using SpineKit.Anatomy;
using SpineKit.Detection.Segmentation.Networks;
using SpineKit.Imaging;
using SpineKit.Imaging.Drawing;

namespace SpineKit.Detection.Segmentation.Codecs;

/// <summary>
/// Renders the training target from corner labels: each vertebra's quadrilateral (tl, tr, br, bl) is
/// vertebral body; the quadrilateral between a vertebra's lower endplate and the next vertebra's upper
/// endplate (bl, br, next tr, next tl) is gap. Bodies are painted over gaps, so where labels overlap the
/// body wins. Pixels are painted when their centre is inside (<see cref="Draw.FillPolygon"/>).
/// </summary>
public static class SegmentationMasks
{
    /// <summary>
    /// The class map (0 background, 1 body, 2 gap) of <paramref name="corners"/>: four per vertebra in
    /// tl, tr, bl, br order, top vertebra first, in the pixel frame of a <paramref name="width"/> x
    /// <paramref name="height"/> image.
    /// </summary>
    public static Image<byte> Render(ReadOnlySpan<Vector2> corners, int width, int height)
    {
        if (corners.Length % 4 != 0)
        {
            throw new ArgumentException($"Corners come in fours (tl, tr, bl, br); {corners.Length} were given.", nameof(corners));
        }

        var canvas = new Image<byte>(width, height, 3);
        var gap = new Rgb(SegmentationNetConfig.GapClass, SegmentationNetConfig.GapClass, SegmentationNetConfig.GapClass);
        var body = new Rgb(SegmentationNetConfig.BodyClass, SegmentationNetConfig.BodyClass, SegmentationNetConfig.BodyClass);
        Span<Vector2> quad = stackalloc Vector2[4];
        for (var v = 0; v + 4 < corners.Length; v += 4)
        {
            quad[0] = corners[v + 2];
            quad[1] = corners[v + 3];
            quad[2] = corners[v + 5];
            quad[3] = corners[v + 4];
            Draw.FillPolygon(canvas, quad, gap);
        }

        for (var v = 0; v < corners.Length; v += 4)
        {
            quad[0] = corners[v];
            quad[1] = corners[v + 1];
            quad[2] = corners[v + 3];
            quad[3] = corners[v + 2];
            Draw.FillPolygon(canvas, quad, body);
        }

        var classes = new Image<byte>(width, height);
        for (var i = 0; i < classes.Pixels.Length; i++)
        {
            classes.Pixels[i] = canvas.Pixels[i * 3];
        }

        return classes;
    }

    /// <summary>
    /// The class map of a label set in its own image's pixels. Vertebrae without a lower endplate add
    /// nothing, and a gap is drawn only between vertebrae that follow each other in the set.
    /// </summary>
    public static Image<byte> Render(LandmarkSet landmarks)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        var corners = landmarks.Vertebrae
            .Where(v => v.HasLowerEndplate)
            .SelectMany(v => v.CornerArray())
            .Select(p => new Vector2((float)p.X, (float)p.Y))
            .ToArray();
        return Render(corners, landmarks.Size.Width, landmarks.Size.Height);
    }

    /// <summary>The vertebral-body mask of a class map: 255 where the class is body, else 0.</summary>
    public static Image<byte> BodyMask(Image<byte> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        var mask = new Image<byte>(classes.Width, classes.Height);
        for (var i = 0; i < mask.Pixels.Length; i++)
        {
            mask.Pixels[i] = classes.Pixels[i] == SegmentationNetConfig.BodyClass ? (byte)255 : (byte)0;
        }

        return mask;
    }
}
