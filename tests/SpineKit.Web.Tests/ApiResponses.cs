using System.Net;
using System.Text;
using System.Text.Json;

namespace SpineKit.Web.Tests;

/// <summary>Reading and checking the server's answers.</summary>
internal static class ApiResponses
{
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts the status and that the body is exactly <c>{ "error": ... }</c> with no stack trace; returns the message.</summary>
    public static async Task<string> ErrorAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await JsonAsync(response, expected);
        Assert.Equal(JsonValueKind.Object, body.ValueKind);
        Assert.Single(body.EnumerateObject());
        var message = body.GetProperty("error").GetString()!;
        Assert.DoesNotContain(" at SpineKit", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", message, StringComparison.Ordinal);
        return message;
    }

    public static Task<HttpResponseMessage> RefineAsync(HttpClient client, string id, params (string Level, string Corner, double X, double Y)[] hints) =>
        client.PostAsync("/api/refine", RefineBody(id, hints));

    public static StringContent RefineBody(string id, params (string Level, string Corner, double X, double Y)[] hints)
    {
        var json = JsonSerializer.Serialize(new
        {
            id,
            hints = hints.Select(h => new { level = h.Level, corner = h.Corner, x = h.X, y = h.Y }),
        });
        return new StringContent(json, Encoding.UTF8, "application/json");
    }

    public static (double X, double Y) Corner(JsonElement prediction, string level, string corner)
    {
        var vertebra = prediction.GetProperty("vertebrae").EnumerateArray().Single(v => v.GetProperty("level").GetString() == level);
        var point = vertebra.GetProperty("corners").GetProperty(corner);
        return (point.GetProperty("x").GetDouble(), point.GetProperty("y").GetDouble());
    }

    public static IEnumerable<(string Level, string Corner, double X, double Y)> Corners(JsonElement prediction) =>
        from vertebra in prediction.GetProperty("vertebrae").EnumerateArray()
        from corner in vertebra.GetProperty("corners").EnumerateObject()
        select (vertebra.GetProperty("level").GetString()!, corner.Name, corner.Value.GetProperty("x").GetDouble(), corner.Value.GetProperty("y").GetDouble());
}
