using System.Globalization;
using System.Net;
using System.Text;
using SpineKit.Detection.Evaluation;
using SpineKit.Imaging;
using SpineKit.Imaging.Formats.Png;
using SpineKit.Imaging.Transforms;

namespace SpineKit.Detection.Reporting;

/// <summary>
/// Writes an evaluation as a self-contained folder: <c>index.html</c> with the figures, the PCK curve
/// (inline SVG) and the worst cases by mean radial error, each with an overlay PNG (prediction in
/// blue/yellow, reference corners in magenta).
/// </summary>
public static class EvaluationReport
{
    /// <summary>Writes the report; returns the path of <c>index.html</c>.</summary>
    public static string Write(LandmarkEvaluationSummary summary, string directory, string modelName, int worstCases = 8)
    {
        ArgumentNullException.ThrowIfNull(summary);
        Directory.CreateDirectory(directory);
        var html = new StringBuilder();
        html.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>SpineKit landmark evaluation</title>");
        html.Append("<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}");
        html.Append("figure{display:inline-block;margin:8px;vertical-align:top}figure img{height:520px}</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>Landmark evaluation</h1><p>Model <code>{Encode(modelName)}</code>, {summary.Images.Count} images");
        if (summary.Failed.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $", {summary.Failed.Count} could not be read");
        }

        html.Append(".</p><table>");
        Row(html, "SMAPE", FormattableString.Invariant($"{summary.Smape:0.00} %"));
        Row(html, "MAE per angle (PT / MT / TL-L)", FormattableString.Invariant($"{summary.AngleMae.First:0.00} / {summary.AngleMae.Second:0.00} / {summary.AngleMae.Third:0.00} deg"));
        Row(html, "Circular MAE", FormattableString.Invariant($"{summary.CircularMae:0.00} deg"));
        Row(html, "Mean radial error", summary.MeanRadialErrorMillimetres is { } mm ? $"{summary.MeanRadialError:0.0} px ({mm:0.00} mm)" : $"{summary.MeanRadialError:0.0} px");
        Row(html, "Median time per image", FormattableString.Invariant($"{summary.MedianSeconds:0.000} s"));
        html.Append("</table><h2>Percentage of correct keypoints</h2>");
        html.Append(PckSvg(summary));
        html.Append("<h2>Worst cases</h2>");
        foreach (var image in summary.Images.OrderByDescending(i => i.MeanRadialError).Take(worstCases))
        {
            var file = $"worst-{Sanitize(Path.GetFileNameWithoutExtension(image.Name))}.png";
            // A cut or zoomed-out view is drawn as the detector saw it, its grey scaled to 8 bits (prediction and truth are
            // in its pixels); the usual view is the file's own display rendering (a DICOM's window).
            var display = image.ViewSource is null ? ImageReader.Read(image.Path).RenderDisplay() : ImageConversion.ToByte(image.ReadView());
            File.WriteAllBytes(Path.Combine(directory, file), PngEncoder.Encode(OverlayRenderer.Render(display, image.Prediction, image.Truth)));
            html.Append(CultureInfo.InvariantCulture,
                $"<figure><img src=\"{file}\" alt=\"{Encode(image.Name)}\"><figcaption>{Encode(image.Name)}<br>MRE {image.MeanRadialError:0} px<br>angles {image.PredictedAngles.First:0.0}/{image.PredictedAngles.Second:0.0}/{image.PredictedAngles.Third:0.0} vs {image.TruthAngles.First:0.0}/{image.TruthAngles.Second:0.0}/{image.TruthAngles.Third:0.0}</figcaption></figure>");
        }

        if (summary.Failed.Count > 0)
        {
            html.Append("<h2>Not evaluated</h2><ul>");
            foreach (var (name, reason) in summary.Failed)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{Encode(name)}: {Encode(reason)}</li>");
            }

            html.Append("</ul>");
        }

        html.Append("</body></html>");
        var path = Path.Combine(directory, "index.html");
        File.WriteAllText(path, html.ToString());
        return path;
    }

    private static string PckSvg(LandmarkEvaluationSummary summary)
    {
        const int width = 480, height = 260, margin = 40;
        var points = summary.Pck.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"{margin + ((width - (2 * margin)) * p.Fraction):0.#},{height - margin - ((height - (2 * margin)) * p.Percentage / 100):0.#}"));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{margin}\" y1=\"{height - margin}\" x2=\"{width - margin}\" y2=\"{height - margin}\" stroke=\"black\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{margin}\" y1=\"{margin}\" x2=\"{margin}\" y2=\"{height - margin}\" stroke=\"black\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"#06c\" stroke-width=\"2\" points=\"{string.Join(' ', points)}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width / 2 - 90}\" y=\"{height - 8}\" font-size=\"12\">threshold (fraction of vertebral width)</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"{margin - 8}\" font-size=\"12\">% correct (0-100)</text></svg><table><tr>");
        foreach (var point in summary.Pck.Where((_, i) => i % 2 == 1))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<th>{point.Fraction:0.0#}</th>");
        }

        svg.Append("</tr><tr>");
        foreach (var point in summary.Pck.Where((_, i) => i % 2 == 1))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<td>{point.Percentage:0.0}</td>");
        }

        return svg.Append("</tr></table>").ToString();
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append(CultureInfo.InvariantCulture, $"<tr><th>{name}</th><td>{value}</td></tr>");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Sanitize(string name) => new(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
