using System.Text.Json;
using SpineKit.Anatomy;
using SpineKit.Detection.Codecs;

namespace SpineKit.Web;

/// <summary>
/// The body of <c>POST /api/refine</c>: <c>{ "id": "...", "hints": [ { "level": "T7", "corner": "tl", "x": 1.0, "y": 2.0 } ] }</c>.
/// The client sends its whole hint list every time, so undo, redo and reset need nothing on the server.
/// </summary>
/// <param name="Id">The session id.</param>
/// <param name="Hints">Every correction in force, original pixels.</param>
public sealed record RefineRequest(string Id, IReadOnlyList<CornerHint> Hints)
{
    /// <summary>
    /// For each hint, the UTC time it was first placed when the client says so (a resumed session's corrections
    /// keep their times), else null; empty when no hint has one.
    /// </summary>
    public IReadOnlyList<DateTimeOffset?> PlacedAt { get; init; } = [];

    /// <summary>Most hints in one request: four corners on every level there is, with room to spare.</summary>
    public const int MaxHints = 512;

    /// <summary>Parses and checks a request body; every problem becomes a 400 naming the field.</summary>
    public static RefineRequest Parse(ReadOnlySpan<byte> body)
    {
        using (var document = VertebraeBody.ParseJson(body, maxDepth: 8))
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw BadRequest("The request body must be a JSON object with 'id' and 'hints'.");
            }

            var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String
                ? idElement.GetString()!
                : throw BadRequest("'id' must be the session id string that /api/analyze returned.");
            if (!root.TryGetProperty("hints", out var hintsElement) || hintsElement.ValueKind != JsonValueKind.Array)
            {
                throw BadRequest("'hints' must be an array (empty for the automatic result).");
            }

            if (hintsElement.GetArrayLength() > MaxHints)
            {
                throw BadRequest($"'hints' has more than {MaxHints} entries.");
            }

            var hints = new List<CornerHint>();
            var placedAt = new List<DateTimeOffset?>();
            var index = 0;
            foreach (var element in hintsElement.EnumerateArray())
            {
                var path = $"hints[{index++}]";
                hints.Add(ParseHint(element, path));
                placedAt.Add(ParseTime(element, path));
            }

            return new RefineRequest(id, hints) { PlacedAt = placedAt.Any(t => t is not null) ? placedAt : [] };
        }
    }

    private static CornerHint ParseHint(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw BadRequest($"{path} must be an object with level, corner, x and y.");
        }

        var levelText = element.TryGetProperty("level", out var level) && level.ValueKind == JsonValueKind.String ? level.GetString() : null;
        if (!VertebraLevels.TryParse(levelText, out var parsedLevel))
        {
            throw BadRequest($"{path}.level must name a vertebra such as \"T7\" or \"L2\", not {Describe(level)}.");
        }

        var cornerText = element.TryGetProperty("corner", out var corner) && corner.ValueKind == JsonValueKind.String ? corner.GetString() : null;
        if (!Corners.TryParse(cornerText, out var parsedCorner))
        {
            throw BadRequest($"{path}.corner must be one of \"tl\", \"tr\", \"bl\", \"br\", not {Describe(corner)}.");
        }

        return new CornerHint(parsedLevel.Value, parsedCorner, Coordinate(element, "x", path), Coordinate(element, "y", path));
    }

    // "at" is optional; when present it is a UTC time in the analysis schema's form, "2026-12-06T04:30:00Z".
    private static DateTimeOffset? ParseTime(JsonElement element, string path)
    {
        if (!element.TryGetProperty("at", out var at))
        {
            return null;
        }

        if (at.ValueKind == JsonValueKind.String && at.GetString() is { Length: 20 } text && text[^1] == 'Z'
            && DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        throw BadRequest($"{path}.at must be the UTC time the corner was placed, such as \"2026-12-06T04:30:00Z\", not {Describe(at)}.");
    }

    private static double Coordinate(JsonElement element, string name, string path)
    {
        if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
        {
            return number;
        }

        throw BadRequest($"{path}.{name} must be a number (pixels of the original image).");
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Undefined => "missing",
        JsonValueKind.String => $"\"{element.GetString()}\"",
        _ => element.GetRawText(),
    };

    private static ApiRequestException BadRequest(string message) => VertebraeBody.BadRequest(message);
}
