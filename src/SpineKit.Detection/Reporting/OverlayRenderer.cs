using System.Numerics;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Inference;
using SpineKit.Imaging;
using SpineKit.Imaging.Drawing;

namespace SpineKit.Detection.Reporting;

/// <summary>
/// Draws a prediction on its radiograph: every vertebra's outline and corners (inferred ones in grey), level names,
/// the endplates that bound each clinical curve with its angle beside it, the challenge angles, a scale bar when the
/// pixel spacing is known and the research-use notice. Text is <see cref="StrokeFont"/> scaled to the film
/// (<see cref="OverlayLayout"/>), so it stays readable when the picture is shown at a quarter of its size.
/// </summary>
public static class OverlayRenderer
{
    // Okabe and Ito's sky blue and yellow, as on the correction page.
    private static readonly Rgb Outline = new(0x56, 0xB4, 0xE9);
    private static readonly Rgb Inferred = new(160, 160, 160);
    private static readonly Rgb CornerColour = new(0xF0, 0xE4, 0x42);
    private static readonly Rgb Halo = new(0, 0, 0);

    /// <summary>
    /// Returns an RGB copy of <paramref name="display"/> (8-bit grey or RGB) with the overlay drawn; when
    /// <paramref name="truth"/> is given its corners are drawn too (magenta), for evaluation reports.
    /// </summary>
    public static Image<byte> Render(Image<byte> display, LandmarkPrediction prediction, LandmarkSet? truth = null)
    {
        ArgumentNullException.ThrowIfNull(display);
        ArgumentNullException.ThrowIfNull(prediction);
        var canvas = display.Channels == 3 ? display.Clone() : GrayToRgb.Apply(display);
        var layout = OverlayLayout.Plan(canvas.Width, canvas.Height, prediction);
        var thickness = Math.Max(1f, canvas.Width / 500f);
        foreach (var vertebra in prediction.Landmarks.Vertebrae)
        {
            var colour = vertebra.Confidence > 0 ? Outline : Inferred;
            var corners = vertebra.CornerArray().Select(ToVector).ToArray();
            if (corners.Length == 4)
            {
                Draw.Polygon(canvas, [corners[0], corners[1], corners[3], corners[2]], thickness, colour, antialias: true);
            }

            Draw.Points(canvas, corners, 1.5f * thickness + 1, CornerColour, antialias: true);
        }

        if (truth is not null)
        {
            Draw.Points(canvas, truth.CornerArray().Select(ToVector).ToArray(), 1.5f * thickness + 1, Rgb.Magenta, antialias: true);
        }

        foreach (var endplate in layout.Endplates)
        {
            Draw.Line(canvas, endplate.From, endplate.To, 2 * thickness, endplate.Color, antialias: true);
        }

        if (layout.ScaleBar is { } bar)
        {
            // A bar with end ticks, outlined like the text so it shows on bone and on background alike.
            var tick = new Vector2(0, 1.5f * bar.Thickness);
            foreach (var (width, colour) in new[] { (bar.Thickness + 2, Halo), (bar.Thickness, Rgb.White) })
            {
                Draw.Line(canvas, bar.From, bar.To, width, colour, antialias: true);
                Draw.Line(canvas, bar.From - tick, bar.From + tick, width, colour, antialias: true);
                Draw.Line(canvas, bar.To - tick, bar.To + tick, width, colour, antialias: true);
            }
        }

        foreach (var label in layout.Labels)
        {
            Draw.StrokeText(canvas, label.Text, label.Origin, label.CapHeight, label.Color, Halo);
        }

        return canvas;
    }

    private static Vector2 ToVector(Point2 point) => new((float)point.X, (float)point.Y);
}
