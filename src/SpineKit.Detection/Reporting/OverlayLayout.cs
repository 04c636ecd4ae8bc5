using System.Globalization;
using System.Numerics;
using SpineKit.Anatomy;
using SpineKit.Detection.Inference;
using SpineKit.Imaging.Drawing;

namespace SpineKit.Detection.Reporting;

/// <summary>One piece of text of an overlay: what, where (top-left of its first capital), how tall, and the box it may cover.</summary>
/// <param name="Text">The text ('\n' between lines).</param>
/// <param name="Origin">Top-left of the first capital, in pixels.</param>
/// <param name="CapHeight">Height of a capital, in pixels.</param>
/// <param name="Color">Ink colour (drawn over a dark halo).</param>
/// <param name="Box">The pixels it may cover (left, top, width, height), halo included.</param>
internal sealed record OverlayLabel(string Text, Vector2 Origin, float CapHeight, Rgb Color, (float Left, float Top, float Width, float Height) Box);

/// <summary>An end plate of a curve, drawn extended to either side so the angle between two of them is easy to see.</summary>
internal sealed record OverlayEndplate(Vector2 From, Vector2 To, Rgb Color);

/// <summary>A scale bar: a horizontal bar <paramref name="Millimetres"/> long on the film, from <paramref name="From"/> to <paramref name="To"/>.</summary>
internal sealed record OverlayScaleBar(Vector2 From, Vector2 To, float Thickness, int Millimetres);

/// <summary>
/// Where an overlay's text goes, decided before anything is drawn so it can be tested: sizes from the film (capitals
/// about 1.8 % of its height, less on a narrow film so a label still fits beside the spine; at least 10 pixels),
/// level names right of each vertebra, each curve's angle beside its apex on the side of the spine with room for
/// it, the challenge angles (or why a partial view has none, and a warning when the level labels are in doubt) in
/// the corner that covers the least of the spine, and the research-use notice (with a
/// scale bar when the pixel spacing is known) in the best corner left or stacked on the legend, wherever it covers least.
/// </summary>
internal sealed class OverlayLayout
{
    /// <summary>
    /// Colours of the clinical curves, in report order (the renderer draws their end plates in the same): Okabe and
    /// Ito's vermillion, reddish purple, bluish green and orange, told apart with every common colour-vision
    /// deficiency, the same as the correction page's.
    /// </summary>
    public static readonly Rgb[] CurveColors = [new(0xD5, 0x5E, 0x00), new(0xCC, 0x79, 0xA7), new(0x00, 0x9E, 0x73), new(0xE6, 0x9F, 0x00)];

    /// <summary>Okabe and Ito's sky blue, the page's outline colour.</summary>
    private static readonly Rgb LevelColour = new(0x56, 0xB4, 0xE9);
    private static readonly Rgb InferredColour = new(160, 160, 160);
    private static readonly Rgb NoticeColour = new(230, 230, 230);

    private OverlayLayout(float textHeight, IReadOnlyList<OverlayLabel> labels, IReadOnlyList<OverlayEndplate> endplates, OverlayScaleBar? scaleBar)
    {
        TextHeight = textHeight;
        Labels = labels;
        Endplates = endplates;
        ScaleBar = scaleBar;
    }

    /// <summary>The end plates that bound each clinical curve, in the curve's colour.</summary>
    public IReadOnlyList<OverlayEndplate> Endplates { get; }

    /// <summary>Height of a capital of the curve labels, in pixels; other text is drawn in proportion.</summary>
    public float TextHeight { get; }

    /// <summary>Every piece of text, in drawing order.</summary>
    public IReadOnlyList<OverlayLabel> Labels { get; }

    /// <summary>The scale bar, or null when the pixel spacing is unknown or the film too small for one.</summary>
    public OverlayScaleBar? ScaleBar { get; }

    /// <summary>The layout for <paramref name="prediction"/> on a <paramref name="width"/> x <paramref name="height"/> picture.</summary>
    public static OverlayLayout Plan(int width, int height, LandmarkPrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var text = MathF.Max(10f, MathF.Min(0.018f * height, width / 20f));
        var labels = new List<OverlayLabel>();
        var vertebrae = prediction.Landmarks.Vertebrae;
        var bodies = vertebrae.Select(Bounds).ToList();

        // Level names: small, just right of each body.
        for (var i = 0; i < vertebrae.Count; i++)
        {
            var body = bodies[i];
            var cap = 0.7f * text;
            labels.Add(Label(VertebraLevels.Name(vertebrae[i].Level), new Vector2(body.Right + (0.4f * text), ((body.Top + body.Bottom) / 2) - (cap / 2)), cap, vertebrae[i].Confidence > 0 ? LevelColour : InferredColour));
        }

        // Each curve: its angle (larger for the major curve) over its end vertebrae, beside the apex, clear of the spine.
        var curveLabels = new List<OverlayLabel>();
        var curves = prediction.Cobb.Clinical.Curves;
        for (var i = 0; i < curves.Count; i++)
        {
            var curve = curves[i];
            var span = vertebrae.Select((v, k) => (v, k)).Where(p => p.v.Level >= curve.UpperEnd && p.v.Level <= curve.LowerEnd).Select(p => bodies[p.k]).ToList();
            var apex = vertebrae.Select((v, k) => (v, k)).Where(p => p.v.Level == curve.Apex).Select(p => bodies[p.k]).FirstOrDefault();
            if (span.Count == 0 || apex == default)
            {
                continue;
            }

            var cap = curve.IsMajor ? 1.2f * text : text;
            var words = string.Create(CultureInfo.InvariantCulture, $"{curve.CobbAngle:0.0}\u00b0\n{VertebraLevels.Name(curve.UpperEnd)}-{VertebraLevels.Name(curve.LowerEnd)}");
            var size = StrokeFont.Measure(words, cap);
            var spineLeft = span.Min(b => b.Left);
            var spineRight = span.Max(b => b.Right) + (3.5f * 0.7f * text); // past the level names
            var gap = 0.8f * text;
            var x = spineLeft - gap - size.Width >= gap ? spineLeft - gap - size.Width : MathF.Min(spineRight + gap, width - size.Width - (0.3f * text));
            var y = ((apex.Top + apex.Bottom) / 2) - (size.Height / 2);
            var label = Label(words, new Vector2(x - size.Left, y - size.Top), cap, CurveColors[i % CurveColors.Length]);

            // Two curves' labels on the same side must not cover each other: the lower one moves down.
            foreach (var earlier in curveLabels.Where(e => Overlap(e.Box, label.Box) > 0))
            {
                label = label with { Origin = label.Origin with { Y = label.Origin.Y + (earlier.Box.Top + earlier.Box.Height - label.Box.Top) }, Box = label.Box with { Top = earlier.Box.Top + earlier.Box.Height } };
            }

            curveLabels.Add(label);
        }

        labels.AddRange(curveLabels);
        var endplates = PlanEndplates(prediction);

        // What corner text should not cover: the bodies, the labels so far and the extended end plates (as beads along them).
        var obstacles = bodies.Select(b => (b.Left - (0.3f * text), b.Top - (0.3f * text), b.Right - b.Left + (0.6f * text), b.Bottom - b.Top + (0.6f * text)))
            .Concat(labels.Select(l => l.Box))
            .Concat(endplates.SelectMany(e => Enumerable.Range(0, 21).Select(k => Vector2.Lerp(e.From, e.To, k / 20f)).Select(p => (p.X - (0.3f * text), p.Y - (0.3f * text), 0.6f * text, 0.6f * text))))
            .ToList();
        var corners = new List<int> { 0, 1, 2, 3 }; // top-left, top-right, bottom-left, bottom-right
        (int Corner, float Left, float Top, float Width, float Height)? legendBox = null;
        {
            // The challenge's triple, labelled as such; a partial view says why it has none; doubtful labels are flagged.
            var legend = prediction.Cobb.Challenge is { } challenge
                ? string.Create(CultureInfo.InvariantCulture, $"AASCE challenge\n{challenge.Angles.First:0.0}\u00b0 {challenge.Angles.Second:0.0}\u00b0 {challenge.Angles.Third:0.0}\u00b0")
                : "Partial view:\nno AASCE angles";
            if (prediction.LabelsInDoubt)
            {
                legend += "\nCheck the levels";
            }

            var cap = 0.8f * text;
            var size = StrokeFont.Measure(legend, cap);
            var corner = BestCorner(corners, width, height, size.Width, size.Height, text, obstacles);
            corners.Remove(corner);
            var (left, top) = Place(corner, width, height, size.Width, size.Height, text);
            labels.Add(Label(legend, new Vector2(left - size.Left, top - size.Top), cap, Rgb.White));
            obstacles.Add(labels[^1].Box);
            legendBox = (corner, left, top, size.Width, size.Height);
        }

        // The notice, with the scale bar above it when the spacing is known, where it covers the least: a corner left
        // (bottom first) or stacked on the legend.
        var noticeCap = 0.7f * text;
        var notice = StrokeFont.Measure("Research use only", noticeCap);
        var bar = ScaleBarLength(prediction.Landmarks.Spacing?.ColumnMillimetres, width, text);
        var barLabel = bar is { } b0 ? StrokeFont.Measure(string.Create(CultureInfo.InvariantCulture, $"{b0.Millimetres} mm"), noticeCap) : default;
        var barBlock = bar is { } b1 ? barLabel.Height + (0.9f * text) : 0f;
        var blockWidth = MathF.Max(notice.Width, bar?.Pixels ?? 0f);
        var blockHeight = notice.Height + barBlock;
        var spots = corners.OrderBy(c => c < 2 ? 1 : 0).Select(c => Place(c, width, height, blockWidth, blockHeight, text)).ToList(); // bottom first on a tie
        if (legendBox is { } box)
        {
            // Or stacked on the legend, on its side away from the film's edge and aligned with its outer side: on a
            // narrow film the corners left may all touch the spine or an end plate.
            var stackedLeft = box.Corner % 2 == 0 ? box.Left : box.Left + box.Width - blockWidth;
            var stackedTop = box.Corner < 2 ? box.Top + box.Height + (0.3f * text) : box.Top - blockHeight - (0.3f * text);
            spots.Add((stackedLeft, stackedTop));
        }

        var (blockLeft, blockTop) = spots.OrderBy(spot => obstacles.Sum(o => Overlap((spot.Left, spot.Top, blockWidth, blockHeight), o))).First();
        OverlayScaleBar? scaleBar = null;
        if (bar is { } b2)
        {
            var words = string.Create(CultureInfo.InvariantCulture, $"{b2.Millimetres} mm");
            labels.Add(Label(words, new Vector2(blockLeft - barLabel.Left, blockTop - barLabel.Top), noticeCap, NoticeColour));
            var barY = blockTop + barLabel.Height + (0.45f * text);
            scaleBar = new OverlayScaleBar(new Vector2(blockLeft, barY), new Vector2(blockLeft + b2.Pixels, barY), MathF.Max(2f, 0.2f * text), b2.Millimetres);
        }

        labels.Add(Label("Research use only", new Vector2(blockLeft - notice.Left, blockTop + barBlock - notice.Top), noticeCap, NoticeColour));
        return new OverlayLayout(text, labels, endplates, scaleBar);
    }

    private static List<OverlayEndplate> PlanEndplates(LandmarkPrediction prediction)
    {
        var lines = new List<OverlayEndplate>();
        var curves = prediction.Cobb.Clinical.Curves;
        for (var i = 0; i < curves.Count; i++)
        {
            var colour = CurveColors[i % CurveColors.Length];
            if (prediction.Landmarks.Find(curves[i].UpperEnd) is { } upper)
            {
                lines.Add(Extended(upper.TopLeft, upper.TopRight, colour));
            }

            if (prediction.Landmarks.Find(curves[i].LowerEnd) is { HasLowerEndplate: true } lower)
            {
                lines.Add(Extended(lower.BottomLeft, lower.BottomRight, colour));
            }
        }

        return lines;

        static OverlayEndplate Extended(Anatomy.Geometry.Point2 left, Anatomy.Geometry.Point2 right, Rgb colour)
        {
            var (a, b) = (new Vector2((float)left.X, (float)left.Y), new Vector2((float)right.X, (float)right.Y));
            var direction = b - a;
            return new OverlayEndplate(a - (direction * 0.6f), b + (direction * 0.6f), colour);
        }
    }

    private static OverlayLabel Label(string text, Vector2 origin, float cap, Rgb colour)
    {
        var size = StrokeFont.Measure(text, cap);
        var halo = MathF.Max(1.5f, 0.1f * cap); // at least the halo Draw.StrokeText adds (half a stroke, 1.5 px or more)
        return new OverlayLabel(text, origin, cap, colour, (origin.X + size.Left - halo, origin.Y + size.Top - halo, size.Width + (2 * halo), size.Height + (2 * halo)));
    }

    // The round length (10, 20, 50, 100 or 200 mm) that takes at most 30 % of the width, or null.
    private static (int Millimetres, float Pixels)? ScaleBarLength(double? millimetresPerPixel, int width, float text)
    {
        if (millimetresPerPixel is not { } spacing || !(spacing > 0) || !double.IsFinite(spacing))
        {
            return null;
        }

        foreach (var millimetres in new[] { 200, 100, 50, 20, 10 })
        {
            var pixels = (float)(millimetres / spacing);
            if (pixels <= 0.3f * width && pixels >= 2 * text)
            {
                return (millimetres, pixels);
            }
        }

        return null;
    }

    private static int BestCorner(List<int> corners, int width, int height, float boxWidth, float boxHeight, float text, List<(float Left, float Top, float Width, float Height)> obstacles) =>
        corners.OrderBy(corner =>
        {
            var (left, top) = Place(corner, width, height, boxWidth, boxHeight, text);
            return obstacles.Sum(o => Overlap((left, top, boxWidth, boxHeight), o));
        }).First();

    private static (float Left, float Top) Place(int corner, int width, int height, float boxWidth, float boxHeight, float text)
    {
        var margin = 0.5f * text;
        return (corner % 2 == 0 ? margin : width - margin - boxWidth, corner < 2 ? margin : height - margin - boxHeight);
    }

    private static float Overlap((float Left, float Top, float Width, float Height) a, (float Left, float Top, float Width, float Height) b)
    {
        var x = MathF.Min(a.Left + a.Width, b.Left + b.Width) - MathF.Max(a.Left, b.Left);
        var y = MathF.Min(a.Top + a.Height, b.Top + b.Height) - MathF.Max(a.Top, b.Top);
        return x > 0 && y > 0 ? x * y : 0;
    }

    private static (float Left, float Top, float Right, float Bottom) Bounds(Vertebra vertebra)
    {
        var points = vertebra.CornerArray();
        return ((float)points.Min(p => p.X), (float)points.Min(p => p.Y), (float)points.Max(p => p.X), (float)points.Max(p => p.Y));
    }
}
