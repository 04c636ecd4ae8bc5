using SpineKit.Anatomy;
using SpineKit.Detection.Segmentation.PostProcessing;
using SpineKit.Imaging;
using SpineKit.Imaging.Drawing;

namespace SpineKit.Detection.Segmentation.Reporting;

/// <summary>
/// Draws segmented vertebrae on a radiograph: each body tinted with its level's colour (a fixed palette
/// cycling over the levels, so neighbours always differ) and labelled with the level's name at its
/// centroid; bodies without a level are tinted grey.
/// </summary>
public static class SegmentationOverlay
{
    private const float Opacity = 0.45f;

    private static readonly Rgb[] Palette =
    [
        new(230, 25, 75), new(60, 180, 75), new(255, 225, 25), new(0, 130, 200), new(245, 130, 48),
        new(145, 30, 180), new(70, 240, 240), new(240, 50, 230), new(210, 245, 60),
    ];

    /// <summary>Returns an RGB picture of <paramref name="display"/> (8-bit grey, the radiograph's size) with the instances drawn.</summary>
    public static Image<byte> Render(Image<byte> display, SegmentedVertebrae instances)
    {
        ArgumentNullException.ThrowIfNull(display);
        ArgumentNullException.ThrowIfNull(instances);
        if (display.Width != instances.Labels.Width || display.Height != instances.Labels.Height)
        {
            throw new ArgumentException("The radiograph and the mask differ in size.", nameof(instances));
        }

        var picture = display.Channels == 3 ? display.Clone() : GrayToRgb.Apply(display);
        var colours = new Rgb[instances.Vertebrae.Count + 1];
        foreach (var vertebra in instances.Vertebrae)
        {
            colours[vertebra.Label] = ColorOf(vertebra.Level);
        }

        var labels = instances.Labels.Labels;
        var pixels = picture.Pixels;
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] == 0)
            {
                continue;
            }

            var colour = colours[labels[i]];
            pixels[i * 3] = Mix(pixels[i * 3], colour.R);
            pixels[(i * 3) + 1] = Mix(pixels[(i * 3) + 1], colour.G);
            pixels[(i * 3) + 2] = Mix(pixels[(i * 3) + 2], colour.B);
        }

        var textScale = Math.Max(1, display.Height / 600);
        foreach (var vertebra in instances.Vertebrae.Where(v => v.Level is not null))
        {
            var name = VertebraLevels.Name(vertebra.Level!.Value);
            var (width, height) = Draw.MeasureText(name, textScale);
            var left = (int)vertebra.Centroid.X - (width / 2);
            var top = (int)vertebra.Centroid.Y - (height / 2);
            Draw.Text(picture, name, left + textScale, top + textScale, Rgb.Black, textScale);
            Draw.Text(picture, name, left, top, Rgb.White, textScale);
        }

        return picture;
    }

    /// <summary>The colour of a level (grey for none).</summary>
    public static Rgb ColorOf(VertebraLevel? level) => level is { } value ? Palette[(int)value % Palette.Length] : new Rgb(160, 160, 160);

    private static byte Mix(byte under, byte over) => (byte)MathF.Round(under + ((over - under) * Opacity));
}
