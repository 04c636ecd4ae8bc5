using System.Globalization;
using System.Numerics;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Inference;
using SpineKit.Imaging;
using SpineKit.Imaging.Drawing;

namespace SpineKit.Detection.Reporting;

/// <summary>
/// Draws a prediction on its radiograph: every vertebra's outline and corners (inferred ones in grey),
/// level names, the endplates that bound each clinical curve, and the angles as text.
/// </summary>
public static class OverlayRenderer
{
    private static readonly Rgb Outline = new(0, 200, 255);
    private static readonly Rgb Inferred = new(160, 160, 160);
    private static readonly Rgb CornerColour = new(255, 220, 0);
    private static readonly Rgb[] CurveColours = [new(255, 60, 60), new(60, 255, 60), new(255, 120, 255), new(255, 170, 0)];

    /// <summary>
    /// Returns an RGB copy of <paramref name="display"/> (8-bit grey or RGB) with the overlay drawn; when
    /// <paramref name="truth"/> is given its corners are drawn too (magenta), for evaluation reports.
    /// </summary>
    public static Image<byte> Render(Image<byte> display, LandmarkPrediction prediction, LandmarkSet? truth = null)
    {
        ArgumentNullException.ThrowIfNull(display);
        ArgumentNullException.ThrowIfNull(prediction);
        var canvas = display.Channels == 3 ? display.Clone() : GreyToRgb.Apply(display);
        var scale = Math.Max(1, canvas.Width / 400);
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
            var right = corners.Max(c => c.X);
            var middle = corners.Average(c => c.Y);
            Draw.Text(canvas, VertebraLevels.Name(vertebra.Level), (int)right + (4 * scale), (int)middle - (4 * scale), colour, scale);
        }

        if (truth is not null)
        {
            Draw.Points(canvas, truth.CornerArray().Select(ToVector).ToArray(), 1.5f * thickness + 1, Rgb.Magenta, antialias: true);
        }

        var curves = prediction.Cobb.Clinical.Curves;
        for (var i = 0; i < curves.Count; i++)
        {
            var curve = curves[i];
            var colour = CurveColours[i % CurveColours.Length];
            var upper = prediction.Landmarks.Find(curve.UpperEnd);
            var lower = prediction.Landmarks.Find(curve.LowerEnd);
            if (upper is not null)
            {
                DrawExtendedLine(canvas, ToVector(upper.TopLeft), ToVector(upper.TopRight), 2 * thickness, colour);
            }

            if (lower is { HasLowerEndplate: true })
            {
                DrawExtendedLine(canvas, ToVector(lower.BottomLeft), ToVector(lower.BottomRight), 2 * thickness, colour);
            }
        }

        var lines = new List<string>();
        if (prediction.Cobb.Challenge is { } challenge)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"Cobb (AASCE): {challenge.Angles.First:0.0} / {challenge.Angles.Second:0.0} / {challenge.Angles.Third:0.0} deg"));
        }

        foreach (var curve in curves)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{curve.Region}: {VertebraLevels.Name(curve.UpperEnd)}-{VertebraLevels.Name(curve.LowerEnd)} {curve.CobbAngle:0.0} deg, apex {VertebraLevels.Name(curve.Apex)}, {curve.Severity}"));
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var colour = i == 0 ? Rgb.White : CurveColours[(i - 1) % CurveColours.Length];
            Draw.Text(canvas, lines[i], 8 * scale, (8 + (12 * i)) * scale, colour, scale);
        }

        return canvas;
    }

    private static void DrawExtendedLine(Image<byte> canvas, Vector2 left, Vector2 right, float thickness, Rgb colour)
    {
        // Extend the endplate to either side so the angle between the two lines is easy to see.
        var direction = right - left;
        Draw.Line(canvas, left - (direction * 0.6f), right + (direction * 0.6f), thickness, colour, antialias: true);
    }

    private static Vector2 ToVector(Point2 point) => new((float)point.X, (float)point.Y);
}
