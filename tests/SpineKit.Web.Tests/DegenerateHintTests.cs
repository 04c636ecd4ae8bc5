using System.Globalization;
using System.Net;
using System.Text;
using SpineKit.TestSupport;

namespace SpineKit.Web.Tests;

/// <summary>
/// Corrections no vertebra can have (corners on one point, a flat quadrilateral) and bodies that are not
/// text are refused with 400, and the session they were sent to keeps its last good state.
/// </summary>
public sealed class DegenerateHintTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private RunningServer Server => fixture.Server;

    public static TheoryData<string, (string Level, string Corner, double X, double Y)[]> DegenerateHints => new()
    {
        { "coincide", [("T8", "tl", 300, 700), ("T8", "tr", 300, 700), ("T8", "bl", 300, 700), ("T8", "br", 300, 700)] },
        { "coincide", [("L2", "tl", 350.25, 1700), ("L2", "tr", 350.5, 1700.25)] },
        { "no area", [("T5", "tl", 300, 500), ("T5", "tr", 340, 500), ("T5", "br", 380, 500), ("T5", "bl", 420, 500)] },
        { "no area", [("T5", "tl", 300, 500), ("T5", "tr", 340, 520), ("T5", "br", 380, 540)] },
    };

    [Theory]
    [MemberData(nameof(DegenerateHints))]
    public async Task Refine_DegenerateCorners_Is400_AndTheSessionStaysValid(string expected, (string Level, string Corner, double X, double Y)[] hints)
    {
        var id = await OpenSampleAsync();
        var message = await ApiResponses.ErrorAsync(await ApiResponses.RefineAsync(Server.Client, id, hints), HttpStatusCode.BadRequest);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        await AssertSessionUsableAsync(id);
    }

    [Fact]
    public async Task Refine_EveryCornerOfEveryLevelOnOnePoint_Is400_AndTheSessionStaysValid()
    {
        var id = await OpenSampleAsync();
        var levels = new[] { "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5" };
        var hints = levels.SelectMany(level => new[] { "tl", "tr", "bl", "br" }.Select(corner => (level, corner, 377.0, 1187.0))).ToArray();
        await ApiResponses.ErrorAsync(await ApiResponses.RefineAsync(Server.Client, id, hints), HttpStatusCode.BadRequest);
        await AssertSessionUsableAsync(id);
    }

    [Fact]
    public async Task Refine_InvalidUtf8_Is400()
    {
        var id = await OpenSampleAsync();
        // "T7" with a lone continuation byte (0xBF) where the T should be.
        var body = Encoding.UTF8.GetBytes($"{{\"id\": \"{id}\", \"hints\": [{{\"level\": \"?7\", \"corner\": \"tl\", \"x\": 1, \"y\": 2}}]}}");
        body[Array.IndexOf(body, (byte)'?')] = 0xBF;
        Assert.ThrowsAny<ArgumentException>(() => new UTF8Encoding(false, true).GetString(body));
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        Assert.Contains("UTF-8", await ApiResponses.ErrorAsync(await Server.Client.PostAsync("/api/refine", content), HttpStatusCode.BadRequest), StringComparison.Ordinal);

        // An invalid byte inside the id string itself (the first thing the server reads).
        var badId = Encoding.UTF8.GetBytes("{\"id\": \"abc?\", \"hints\": []}");
        badId[Array.IndexOf(badId, (byte)'?')] = 0xC0;
        using var idContent = new ByteArrayContent(badId);
        idContent.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        await ApiResponses.ErrorAsync(await Server.Client.PostAsync("/api/refine", idContent), HttpStatusCode.BadRequest);
        await AssertSessionUsableAsync(id);
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\n\xFF\xD8\xFF")]
    [InlineData("multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n")]
    [InlineData("multipart/form-data; boundary=xyz", "garbage without any boundary")]
    [InlineData("multipart/form-data", "--xyz\r\n\r\n--xyz--\r\n")]
    [InlineData("multipart/form-data; boundary=", "--\r\n\r\n----\r\n")]
    [InlineData("multipart/form-data; boundary=\"unterminated", "--x\r\n")]
    public async Task Analyze_MalformedMultipart_Is400(string contentType, string body)
    {
        using var content = new ByteArrayContent(Encoding.Latin1.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/analyze") { Content = content };
        await ApiResponses.ErrorAsync(await Server.Client.SendAsync(request), HttpStatusCode.BadRequest);
    }

    private async Task AssertSessionUsableAsync(string id)
    {
        var json = await Server.Client.GetAsync($"/api/sessions/{id}/analysis.json");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        var angles = (await Server.Client.GetStringAsync($"/api/sessions/{id}/angles.csv")).TrimEnd('\n').Split(',');
        Assert.Equal(3, angles.Length);
        Assert.All(angles, value => Assert.True(double.IsFinite(double.Parse(value, CultureInfo.InvariantCulture)), $"angle {value}"));
        await ApiResponses.JsonAsync(await ApiResponses.RefineAsync(Server.Client, id, ("T8", "tl", 300, 700)));
    }

    private async Task<string> OpenSampleAsync() =>
        (await ApiResponses.JsonAsync(await Server.AnalyzeAsync(File.ReadAllBytes(RepositoryFiles.Sample)))).GetProperty("id").GetString()!;
}
