using System.Globalization;
using System.Text;
using System.Text.Json;
using SpineKit.Imaging;

namespace SpineKit.Cli.Commands;

/// <summary>What <c>spinekit info</c> prints for one image: label/value lines, or one JSON document (<c>--json</c>).</summary>
internal static class ImageDescription
{
    /// <summary>The schema identifier of <see cref="Json"/>'s document.</summary>
    public const string Schema = "spinekit.image-info/1";

    /// <summary>
    /// The same facts as <see cref="Lines"/> as one JSON document (camelCase keys like <c>spinekit.analysis/1</c>);
    /// a fact the file does not state is null rather than missing, so every document has the same keys.
    /// </summary>
    public static string Json(string name, RadiographMetadata m)
    {
        ArgumentNullException.ThrowIfNull(m);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("schema", Schema);
            json.WriteString("file", name);
            json.WriteString("format", m.Format.ToString().ToUpperInvariant());
            json.WriteNumber("width", m.Width);
            json.WriteNumber("height", m.Height);
            json.WriteNumber("channels", m.Channels);
            json.WriteNumber("bitDepth", m.BitDepth);
            json.WriteString("photometric", m.PhotometricInterpretation);
            if (m.TransferSyntaxUid is not null)
            {
                json.WriteStartObject("transferSyntax");
                json.WriteString("uid", m.TransferSyntaxUid);
                json.WriteString("name", m.TransferSyntaxName);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("transferSyntax");
            }

            if (m.PixelSpacing is { } spacing)
            {
                json.WriteStartObject("pixelSpacingMm");
                json.WriteNumber("row", spacing.RowSpacing);
                json.WriteNumber("column", spacing.ColumnSpacing);
                json.WriteString("source", m.PixelSpacingSource.ToString());
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("pixelSpacingMm");
            }

            json.WriteString("modality", m.Modality);
            json.WriteString("view", m.ViewPosition);
            json.WriteString("bodyPart", m.BodyPartExamined);
            json.WriteString("laterality", m.ImageLaterality);
            json.WriteNumber("frames", m.FrameCount);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The label/value lines for one image (DICOM attributes only for DICOM files).</summary>
    public static IEnumerable<(string Label, string Value)> Lines(string name, RadiographMetadata m)
    {
        yield return ("file", name);
        yield return ("format", m.Format.ToString().ToUpperInvariant());
        yield return ("size", string.Create(CultureInfo.InvariantCulture, $"{m.Width} x {m.Height}, {m.Channels} channel{(m.Channels == 1 ? string.Empty : "s")}"));
        yield return ("bit depth", m.BitDepth.ToString(CultureInfo.InvariantCulture));
        yield return ("photometric", m.PhotometricInterpretation);
        if (m.TransferSyntaxUid is not null)
        {
            yield return ("transfer", $"{m.TransferSyntaxName} ({m.TransferSyntaxUid})");
        }

        yield return ("spacing", m.PixelSpacing is { } spacing ? $"{spacing} ({m.PixelSpacingSource})" : "not stated");
        if (m.Format == ImageContainerFormat.Dicom)
        {
            yield return ("modality", m.Modality ?? "-");
            yield return ("view", m.ViewPosition ?? "-");
            yield return ("body part", m.BodyPartExamined ?? "-");
            yield return ("laterality", m.ImageLaterality ?? "-");
            yield return ("frames", m.FrameCount.ToString(CultureInfo.InvariantCulture));
        }
    }
}
