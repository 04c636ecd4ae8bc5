using System.Text.Json;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Anatomy.Labels;

namespace SpineKit.Detection.Reporting;

/// <summary>
/// Reads the landmarks back from a <see cref="AnalysisJson.Schema"/> document (what <c>spinekit analyze --json</c>
/// and the correction page write): the image size, its pixel spacing and every vertebra with its named level and
/// corners. Anything else in the document is ignored. Problems raise <see cref="LabelFormatException"/>.
/// </summary>
public static class AnalysisJsonReader
{
    /// <summary>Largest document read (a full spine is a few tens of kilobytes).</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>The most vertebrae a document may hold.</summary>
    public const int MaxVertebrae = 64;

    /// <summary>Reads a file.</summary>
    public static LandmarkSet ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"label file not found: {path}", path);
        }

        if (info.Length > MaxBytes)
        {
            throw new LabelFormatException(path, $"the file is larger than {MaxBytes / (1024 * 1024)} MiB; an analysis document is far smaller");
        }

        return Read(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads a document held in memory; <paramref name="source"/> names it in messages.</summary>
    public static LandmarkSet Read(ReadOnlySpan<byte> utf8, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException exception)
        {
            throw new LabelFormatException(source, $"not valid JSON ({exception.Message})", inner: exception);
        }

        using (document)
        {
            return Read(document.RootElement, source);
        }
    }

    /// <summary>Reads a parsed document.</summary>
    public static LandmarkSet Read(JsonElement root, string source)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new LabelFormatException(source, "the document is not a JSON object");
        }

        if (!root.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.String || schema.GetString() != AnalysisJson.Schema)
        {
            throw new LabelFormatException(source, $"'schema' must be \"{AnalysisJson.Schema}\" (the format spinekit analyze --json writes)");
        }

        if (!root.TryGetProperty("image", out var image) || image.ValueKind != JsonValueKind.Object)
        {
            throw new LabelFormatException(source, "'image' must be an object with the image's width and height");
        }

        var size = new ImageSize(PositiveInteger(image, "width", source), PositiveInteger(image, "height", source));
        PixelSpacing? spacing = null;
        if (image.TryGetProperty("pixelSpacingMm", out var spacingElement) && spacingElement.ValueKind == JsonValueKind.Object)
        {
            spacing = new PixelSpacing(Number(spacingElement, "row", source, "image.pixelSpacingMm"), Number(spacingElement, "column", source, "image.pixelSpacingMm"));
            if (!spacing.Value.IsValid)
            {
                throw new LabelFormatException(source, "image.pixelSpacingMm must be finite and positive");
            }
        }

        var file = image.TryGetProperty("file", out var fileElement) && fileElement.ValueKind == JsonValueKind.String ? fileElement.GetString() : null;
        if (!root.TryGetProperty("vertebrae", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new LabelFormatException(source, "'vertebrae' must be a list");
        }

        if (list.GetArrayLength() > MaxVertebrae)
        {
            throw new LabelFormatException(source, $"more than {MaxVertebrae} vertebrae");
        }

        var vertebrae = new List<Vertebra>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            index++;
            var where = $"vertebrae[{index - 1}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new LabelFormatException(source, $"{where} is not an object");
            }

            var name = item.TryGetProperty("level", out var levelElement) && levelElement.ValueKind == JsonValueKind.String ? levelElement.GetString() : null;
            if (!VertebraLevels.TryParse(name, out var level))
            {
                throw new LabelFormatException(source, $"{where}.level must name a level from C1 to S1, not {(name is null ? "nothing" : $"'{name}'")}");
            }

            if (vertebrae.Any(v => v.Level == level))
            {
                throw new LabelFormatException(source, $"{name} is labelled twice");
            }

            if (!item.TryGetProperty("corners", out var corners) || corners.ValueKind != JsonValueKind.Object)
            {
                throw new LabelFormatException(source, $"{where}.corners must be an object with tl, tr, bl and br (or tl and tr only)");
            }

            var top = new[] { Point(corners, "tl", source, where), Point(corners, "tr", source, where) };
            var hasBottom = corners.TryGetProperty("bl", out _) || corners.TryGetProperty("br", out _);
            var confidence = item.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.Number && c.GetDouble() is >= 0 and <= 1 ? c.GetDouble() : 1;
            vertebrae.Add(hasBottom
                ? new Vertebra(level.Value, top[0], top[1], Point(corners, "bl", source, where), Point(corners, "br", source, where), confidence)
                : Vertebra.UpperEndplateOnly(level.Value, top[0], top[1], confidence));
        }

        return new LandmarkSet(size, vertebrae.OrderBy(v => v.Level), spacing, file);
    }

    private static int PositiveInteger(JsonElement parent, string name, string source) =>
        parent.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value) && value > 0
            ? value
            : throw new LabelFormatException(source, $"image.{name} must be a positive whole number of pixels");

    private static double Number(JsonElement parent, string name, string source, string where) =>
        parent.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number && double.IsFinite(element.GetDouble())
            ? element.GetDouble()
            : throw new LabelFormatException(source, $"{where}.{name} must be a finite number");

    private static Point2 Point(JsonElement corners, string name, string source, string where)
    {
        if (!corners.TryGetProperty(name, out var point) || point.ValueKind != JsonValueKind.Object)
        {
            throw new LabelFormatException(source, $"{where}.corners.{name} must be an object {{\"x\": ..., \"y\": ...}}");
        }

        return new Point2(Number(point, "x", source, $"{where}.corners.{name}"), Number(point, "y", source, $"{where}.corners.{name}"));
    }
}
