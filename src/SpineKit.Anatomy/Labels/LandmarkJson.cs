using System.Text;
using System.Text.Json;
using SpineKit.Anatomy.Geometry;

namespace SpineKit.Anatomy.Labels;

/// <summary>
/// Reads and writes SpineKit's own landmark file, schema <c>spinekit.landmarks/1</c> (documented in
/// <c>docs/landmarks-schema.md</c>): image name, size and optional pixel spacing, then the vertebrae with
/// levels such as "T7" and corners "tl", "tr", "bl", "br" as <c>[x, y]</c> pixel pairs. The reader is strict:
/// unknown members, wrong types and out-of-range values raise <see cref="LabelFormatException"/> with the JSON path.
/// </summary>
public static class LandmarkJson
{
    /// <summary>The schema identifier this version reads and writes.</summary>
    public const string Schema = "spinekit.landmarks/1";

    /// <summary>The largest file the reader accepts, in bytes.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>The most vertebrae a file may list.</summary>
    public const int MaxVertebrae = 64;

    /// <summary>The largest image side accepted, in pixels.</summary>
    public const int MaxImageSide = 1 << 20;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Parses a landmark file from text.</summary>
    public static LandmarkSet Read(string json, string source = "landmarks.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxBytes)
        {
            throw new LabelFormatException(source, $"the file is larger than {MaxBytes} bytes");
        }

        return Read(Encoding.UTF8.GetBytes(json), source);
    }

    /// <summary>Parses a landmark file from UTF-8 bytes.</summary>
    public static LandmarkSet Read(ReadOnlyMemory<byte> utf8, string source = "landmarks.json")
    {
        if (utf8.Length > MaxBytes)
        {
            throw new LabelFormatException(source, $"the file is larger than {MaxBytes} bytes");
        }

        // Without this check, a string with broken UTF-8 would fail later, when read, with another exception type.
        if (!System.Text.Unicode.Utf8.IsValid(utf8.Span))
        {
            throw new LabelFormatException(source, "the file is not valid UTF-8 text");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException exception)
        {
            var line = exception.LineNumber is { } l ? (int)l + 1 : (int?)null;
            var column = exception.BytePositionInLine is { } b ? (int)b + 1 : (int?)null;
            throw new LabelFormatException(source, "not valid JSON", line, column, inner: exception);
        }

        using (document)
        {
            return new Parser(source).Set(document.RootElement);
        }
    }

    /// <summary>Reads a landmark file from disk.</summary>
    public static LandmarkSet ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var length = new FileInfo(path).Length;
        if (length > MaxBytes)
        {
            throw new LabelFormatException(path, $"the file is larger than {MaxBytes} bytes");
        }

        return Read(File.ReadAllBytes(path), path);
    }

    /// <summary>Serialises a landmark set (indented, invariant numbers).</summary>
    public static string Write(LandmarkSet landmarks)
    {
        using var stream = new MemoryStream();
        Write(stream, landmarks);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Serialises a landmark set to a stream as UTF-8.</summary>
    public static void Write(Stream stream, LandmarkSet landmarks)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(landmarks);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("schema", Schema);
        writer.WriteStartObject("image");
        if (landmarks.ImageName is { } name)
        {
            writer.WriteString("name", name);
        }

        writer.WriteNumber("width", landmarks.Size.Width);
        writer.WriteNumber("height", landmarks.Size.Height);
        if (landmarks.Spacing is { } spacing)
        {
            writer.WriteStartObject("pixelSpacingMm");
            writer.WriteNumber("row", spacing.RowMillimetres);
            writer.WriteNumber("column", spacing.ColumnMillimetres);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteStartArray("vertebrae");
        foreach (var vertebra in landmarks.Vertebrae)
        {
            writer.WriteStartObject();
            writer.WriteString("level", VertebraLevels.Name(vertebra.Level));
            writer.WriteNumber("confidence", vertebra.Confidence);
            writer.WriteStartObject("corners");
            foreach (var corner in vertebra.PresentCorners)
            {
                var point = vertebra[corner];
                writer.WriteStartArray(Corners.Name(corner));
                writer.WriteNumberValue(point.X);
                writer.WriteNumberValue(point.Y);
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes a landmark set to a file.</summary>
    public static void WriteFile(string path, LandmarkSet landmarks)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.Create(path);
        Write(stream, landmarks);
    }

    /// <summary>Walks the document, keeping the JSON path for messages.</summary>
    private sealed class Parser(string source)
    {
        public LandmarkSet Set(JsonElement root)
        {
            const string Path = "$";
            RequireObject(root, Path, "schema", "image", "vertebrae");
            var schema = String(Member(root, Path, "schema"), "$.schema");
            if (schema != Schema)
            {
                throw Error("$.schema", $"unsupported schema '{schema}' (this version reads '{Schema}')");
            }

            var image = Member(root, Path, "image");
            RequireObject(image, "$.image", "name", "width", "height", "pixelSpacingMm");
            var name = Optional(image, "name") is { } n ? String(n, "$.image.name") : null;
            var width = Side(Member(image, "$.image", "width"), "$.image.width");
            var height = Side(Member(image, "$.image", "height"), "$.image.height");
            PixelSpacing? spacing = null;
            if (Optional(image, "pixelSpacingMm") is { } s)
            {
                RequireObject(s, "$.image.pixelSpacingMm", "row", "column");
                spacing = new PixelSpacing(
                    Positive(Member(s, "$.image.pixelSpacingMm", "row"), "$.image.pixelSpacingMm.row"),
                    Positive(Member(s, "$.image.pixelSpacingMm", "column"), "$.image.pixelSpacingMm.column"));
            }

            var list = Member(root, Path, "vertebrae");
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw Error("$.vertebrae", "expected an array of vertebrae");
            }

            var count = list.GetArrayLength();
            if (count > MaxVertebrae)
            {
                throw Error("$.vertebrae", $"{count} vertebrae, more than the {MaxVertebrae} allowed");
            }

            var vertebrae = new List<Vertebra>(count);
            var index = 0;
            foreach (var element in list.EnumerateArray())
            {
                vertebrae.Add(Vertebra(element, $"$.vertebrae[{index++}]"));
            }

            return new LandmarkSet(new ImageSize(width, height), vertebrae, spacing, name);
        }

        private Vertebra Vertebra(JsonElement element, string path)
        {
            RequireObject(element, path, "level", "confidence", "corners");
            var levelText = String(Member(element, path, "level"), path + ".level");
            if (!VertebraLevels.TryParse(levelText, out var level))
            {
                throw Error(path + ".level", $"'{levelText}' is not a vertebral level (expected e.g. \"T7\")");
            }

            var confidence = 1.0;
            if (Optional(element, "confidence") is { } c)
            {
                confidence = Number(c, path + ".confidence");
                if (confidence is < 0 or > 1)
                {
                    throw Error(path + ".confidence", "confidence must lie between 0 and 1");
                }
            }

            var cornersPath = path + ".corners";
            var corners = Member(element, path, "corners");
            RequireObject(corners, cornersPath, "tl", "tr", "bl", "br");
            var topLeft = Point(Member(corners, cornersPath, "tl"), cornersPath + ".tl");
            var topRight = Point(Member(corners, cornersPath, "tr"), cornersPath + ".tr");
            var bottomLeft = Optional(corners, "bl");
            var bottomRight = Optional(corners, "br");
            if (bottomLeft is null && bottomRight is null)
            {
                return Anatomy.Vertebra.UpperEndplateOnly(level.Value, topLeft, topRight, confidence);
            }

            return new Vertebra(
                level.Value,
                topLeft,
                topRight,
                Point(Member(corners, cornersPath, "bl"), cornersPath + ".bl"),
                Point(Member(corners, cornersPath, "br"), cornersPath + ".br"),
                confidence);
        }

        private Point2 Point(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != 2)
            {
                throw Error(path, "expected a point [x, y]");
            }

            return new Point2(Number(element[0], path + "[0]"), Number(element[1], path + "[1]"));
        }

        private int Side(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value) || value < 1 || value > MaxImageSide)
            {
                throw Error(path, $"expected a whole number of pixels from 1 to {MaxImageSide}");
            }

            return value;
        }

        private double Positive(JsonElement element, string path)
        {
            var value = Number(element, path);
            return value > 0 ? value : throw Error(path, "expected a positive number of millimetres");
        }

        private double Number(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                throw Error(path, "expected a finite number");
            }

            return value;
        }

        private string String(JsonElement element, string path) =>
            element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Error(path, "expected a string");

        private JsonElement Member(JsonElement element, string path, string name) =>
            Optional(element, name) ?? throw Error(path, $"the member \"{name}\" is missing");

        private static JsonElement? Optional(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

        private void RequireObject(JsonElement element, string path, params string[] allowed)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Error(path, "expected an object");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                if (!allowed.Contains(property.Name))
                {
                    throw Error(path, $"unknown member \"{Shorten(property.Name)}\" (allowed: {string.Join(", ", allowed)})");
                }

                if (!seen.Add(property.Name))
                {
                    throw Error(path, $"the member \"{property.Name}\" appears twice");
                }
            }
        }

        private static string Shorten(string text) => text.Length > 30 ? text[..30] + "..." : text;

        private LabelFormatException Error(string path, string problem) => new(source, problem, jsonPath: path);
    }
}
