using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text;
using SpineKit.Anatomy;
using SpineKit.Detection.Evaluation;
using SpineKit.Imaging;
using SpineKit.Imaging.Drawing;
using SpineKit.Imaging.Formats.Png;

namespace SpineKit.Detection.Reporting;

/// <summary>
/// An HTML page of a <see cref="FullSpineEvaluator"/> run: the figures, then the worst films drawn with
/// their labelled boxes (green), predicted vertebrae inside the corridor (blue) and outside it (red), each
/// with its level name, so a reader sees at a glance where a detector leaves the spine.
/// </summary>
public static class FullSpineReport
{
    /// <summary>Writes <c>index.html</c> and one PNG per shown film into <paramref name="directory"/>; returns the page's path.</summary>
    public static string Write(FullSpineSummary summary, string directory, string modelName, int worstCases = 12)
    {
        ArgumentNullException.ThrowIfNull(summary);
        Directory.CreateDirectory(directory);
        var worst = summary.Films
            .OrderByDescending(r => r.Prediction is null ? int.MaxValue : r.Predicted - r.InCorridor)
            .ThenBy(r => r.Film.Boxes.Count == 0 ? 1 : (double)r.BoxesHit / r.Film.Boxes.Count)
            .Take(worstCases)
            .ToList();
        var html = new StringBuilder();
        html.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>SpineKit full-spine check</title>")
            .Append("<style>body{font-family:sans-serif;margin:2em}figure{display:inline-block;margin:0 1em 1em 0;vertical-align:top}img{height:480px}td,th{padding:2px 8px;text-align:right}</style></head><body>")
            .Append(CultureInfo.InvariantCulture, $"<h1>Full-spine check of {WebUtility.HtmlEncode(modelName)}</h1><table>")
            .Append(CultureInfo.InvariantCulture, $"<tr><th>films</th><td>{summary.Films.Count} ({summary.FailedFilms} failed)</td></tr>")
            .Append(CultureInfo.InvariantCulture, $"<tr><th>predicted centres inside a box</th><td>{summary.CentersInBoxPercent:0.0} %</td></tr>")
            .Append(CultureInfo.InvariantCulture, $"<tr><th>boxes hit</th><td>{summary.BoxesHitPercent:0.0} %</td></tr>")
            .Append(CultureInfo.InvariantCulture, $"<tr><th>predicted centres inside the spine corridor</th><td>{summary.CentersInCorridorPercent:0.0} %</td></tr>")
            .Append(CultureInfo.InvariantCulture, $"<tr><th>films with a vertebra outside the corridor</th><td>{summary.FilmsWithOutsidePredictions}</td></tr></table>")
            .Append("<h2>Worst films</h2><p>Green: labelled bodies. Blue: predicted vertebrae inside the corridor; red: outside it.</p>");
        for (var i = 0; i < worst.Count; i++)
        {
            var result = worst[i];
            var file = string.Create(CultureInfo.InvariantCulture, $"film-{i + 1:00}.png");
            File.WriteAllBytes(Path.Combine(directory, file), PngEncoder.Encode(Render(result)));
            var caption = result.Prediction is null
                ? $"{result.Film.Name}: {result.Error}"
                : string.Create(CultureInfo.InvariantCulture, $"{result.Film.Name}: {result.Predicted - result.InCorridor} of {result.Predicted} outside, {result.BoxesHit}/{result.Film.Boxes.Count} boxes hit");
            html.Append(CultureInfo.InvariantCulture, $"<figure><img src=\"{file}\" alt=\"{WebUtility.HtmlEncode(caption)}\"><figcaption>{WebUtility.HtmlEncode(caption)}</figcaption></figure>");
        }

        html.Append("</body></html>");
        var index = Path.Combine(directory, "index.html");
        File.WriteAllText(index, html.ToString());
        return index;
    }

    private static Image<byte> Render(FullSpineResult result)
    {
        // The films are small (416 px tall): draw at twice their size so the labels stay legible.
        const int Zoom = 2;
        var grey = ImageReader.Read(result.Film.ImagePath).ToGrayscale();
        var canvas = GrayToRgb.Apply(Imaging.Transforms.Resize.Apply(grey, grey.Width * Zoom, grey.Height * Zoom, Imaging.Transforms.ResizeMode.Bilinear));
        foreach (var box in result.Film.Boxes)
        {
            Draw.Polygon(canvas, [new Vector2((float)box.XMin * Zoom, (float)box.YMin * Zoom), new Vector2((float)box.XMax * Zoom, (float)box.YMin * Zoom), new Vector2((float)box.XMax * Zoom, (float)box.YMax * Zoom), new Vector2((float)box.XMin * Zoom, (float)box.YMax * Zoom)], 1, new Rgb(0, 200, 0));
        }

        foreach (var vertebra in result.Prediction?.Landmarks.Vertebrae ?? [])
        {
            var centre = new Vector2((float)vertebra.Center.X * Zoom, (float)vertebra.Center.Y * Zoom);
            var colour = result.Film.InCorridor(vertebra.Center.X, vertebra.Center.Y) ? new Rgb(40, 120, 255) : Rgb.Red;
            Draw.Point(canvas, centre, 3, colour);
            Draw.Text(canvas, VertebraLevels.Name(vertebra.Level), (int)centre.X + 6, (int)centre.Y - 4, colour);
        }

        return canvas;
    }
}
