using System.Net;
using System.Text;
using SpineKit.TestSupport;

namespace SpineKit.Web.Tests;

/// <summary>Every way a request can be wrong gets its own status and a message a user can act on, as JSON.</summary>
public sealed class ErrorResponseTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task Analyze_FileOverTheLimit_Is413()
    {
        // The fixture's limit is 4 MiB; the bytes are a JPEG start so only the size can be the reason. The
        // server answers from the Content-Length without reading the body; "Expect: 100-continue" (as curl
        // sends for large uploads) lets the client hear that before it sends 5 MiB into a closed socket.
        var bytes = new byte[5 << 20];
        File.ReadAllBytes(RepositoryFiles.Sample).CopyTo(bytes, 0);
        var message = await ApiResponses.ErrorAsync(await Server.AnalyzeAsync(bytes, expectContinue: true), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("larger than the server accepts (4 MiB)", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_TextFile_Is415()
    {
        var message = await ApiResponses.ErrorAsync(await Server.AnalyzeAsync(Encoding.UTF8.GetBytes("patient notes, not an image\n"), "notes.txt"), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("The file is not a JPEG, PNG or DICOM image.", message);
    }

    [Fact]
    public async Task Analyze_TruncatedJpeg_Is422()
    {
        // Cut inside the second Huffman table, before the scan: the headers themselves are broken. (A cut
        // inside the scan data still decodes, as libjpeg does, with the missing rows grey.)
        var bytes = File.ReadAllBytes(RepositoryFiles.Sample).AsSpan(0, 200).ToArray();
        var message = await ApiResponses.ErrorAsync(await Server.AnalyzeAsync(bytes), HttpStatusCode.UnprocessableEntity);
        Assert.StartsWith("The image could not be read: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_WithoutFileField_Is400()
    {
        using var form = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        var message = await ApiResponses.ErrorAsync(await Server.Client.PostAsync("/api/analyze", form), HttpStatusCode.BadRequest);
        Assert.Equal("The form has no file field named 'file'.", message);
    }

    [Fact]
    public async Task Analyze_NotMultipart_Is400()
    {
        var message = await ApiResponses.ErrorAsync(
            await Server.Client.PostAsync("/api/analyze", new ByteArrayContent(File.ReadAllBytes(RepositoryFiles.Sample))), HttpStatusCode.BadRequest);
        Assert.Contains("multipart/form-data", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"id\": \"abc\", \"hints\": [", "not valid JSON")]
    [InlineData("[1, 2]", "must be a JSON object")]
    [InlineData("{\"hints\": []}", "'id' must be the session id")]
    [InlineData("{\"id\": \"abc\"}", "'hints' must be an array")]
    [InlineData("{\"id\": \"abc\", \"hints\": [{\"level\": \"Q3\", \"corner\": \"tl\", \"x\": 1, \"y\": 2}]}", "hints[0].level must name a vertebra such as \"T7\" or \"L2\", not \"Q3\"")]
    [InlineData("{\"id\": \"abc\", \"hints\": [{\"level\": \"T7\", \"corner\": \"top\", \"x\": 1, \"y\": 2}]}", "hints[0].corner must be one of \"tl\", \"tr\", \"bl\", \"br\", not \"top\"")]
    [InlineData("{\"id\": \"abc\", \"hints\": [{\"level\": \"T7\", \"corner\": \"tl\", \"x\": \"1\", \"y\": 2}]}", "hints[0].x must be a number")]
    public async Task Refine_MalformedBody_Is400NamingTheField(string body, string expected)
    {
        var response = await Server.Client.PostAsync("/api/refine", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Contains(expected, await ApiResponses.ErrorAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refine_LevelTheModelDoesNotFind_Is400()
    {
        var id = await OpenSampleAsync();
        var message = await ApiResponses.ErrorAsync(await ApiResponses.RefineAsync(Server.Client, id, ("C5", "tl", 300, 100)), HttpStatusCode.BadRequest);
        Assert.Equal("The model finds T1..L5; a correction on C5 cannot be applied.", message);
    }

    [Fact]
    public async Task Refine_CornerFarOutsideTheImage_Is400()
    {
        var id = await OpenSampleAsync();
        var message = await ApiResponses.ErrorAsync(await ApiResponses.RefineAsync(Server.Client, id, ("T3", "br", 1e7, 100)), HttpStatusCode.BadRequest);
        Assert.Contains("far outside", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownSession_Is404Everywhere()
    {
        const string Id = "0123456789abcdef0123456789abcdef";
        Assert.Contains("No open image with id", await ApiResponses.ErrorAsync(await ApiResponses.RefineAsync(Server.Client, Id), HttpStatusCode.NotFound), StringComparison.Ordinal);
        foreach (var file in new[] { "image.png", "overlay.png", "analysis.json", "landmarks.csv" })
        {
            await ApiResponses.ErrorAsync(await Server.Client.GetAsync($"/api/sessions/{Id}/{file}"), HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task UnknownRouteAndWrongMethod_AreJsonToo()
    {
        Assert.Equal("No such endpoint: GET /api/nothing", await ApiResponses.ErrorAsync(await Server.Client.GetAsync("/api/nothing"), HttpStatusCode.NotFound));
        await ApiResponses.ErrorAsync(await Server.Client.GetAsync("/api/refine"), HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task DeletedSession_IsGone()
    {
        var id = await OpenSampleAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await Server.Client.DeleteAsync($"/api/sessions/{id}")).StatusCode);
        await ApiResponses.ErrorAsync(await ApiResponses.RefineAsync(Server.Client, id), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Analyze_ChunkedUploadOverTheLimit_Is413()
    {
        // No Content-Length: the limit is enforced while reading.
        var bytes = new byte[5 << 20];
        File.ReadAllBytes(RepositoryFiles.Sample).CopyTo(bytes, 0);
        using var form = new MultipartFormDataContent { { new StreamContent(new MemoryStream(bytes)), "file", "big.jpg" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/analyze") { Content = form };
        request.Headers.TransferEncodingChunked = true;
        var message = await ApiResponses.ErrorAsync(await Server.Client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("larger than the server accepts", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refine_FromAnotherOrigin_Is403_FromTheSameOrigin_Passes()
    {
        var id = await OpenSampleAsync();
        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/api/refine") { Content = ApiResponses.RefineBody(id) };
        foreign.Headers.Add("Origin", "http://attacker.example");
        Assert.Contains("another origin", await ApiResponses.ErrorAsync(await Server.Client.SendAsync(foreign), HttpStatusCode.Forbidden), StringComparison.Ordinal);

        using var own = new HttpRequestMessage(HttpMethod.Post, "/api/refine") { Content = ApiResponses.RefineBody(id) };
        own.Headers.Add("Origin", Server.Address.GetLeftPart(UriPartial.Authority));
        await ApiResponses.JsonAsync(await Server.Client.SendAsync(own));
    }

    private async Task<string> OpenSampleAsync() =>
        (await ApiResponses.JsonAsync(await Server.AnalyzeAsync(File.ReadAllBytes(RepositoryFiles.Sample)))).GetProperty("id").GetString()!;
}
