using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SpineKit.Detection.Pacs;

namespace SpineKit.Detection.Tests.Pacs;

/// <summary>The DICOMweb client's protocol handling against a scripted server: retries, give-ups, transcoding fallback, multipart.</summary>
public sealed class DicomWebClientTests
{
    private static readonly Uri Root = new("http://pacs.test/dicom-web");

    [Fact]
    public async Task ServerErrorsAndTimeoutsAreRetriedThenTheAnswerIsUsed()
    {
        var server = new ScriptedServer(
            _ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
            _ => throw new TaskCanceledException("timeout"),
            _ => Json("""[{"0020000D":{"vr":"UI","Value":["1.2"]},"0020000E":{"vr":"UI","Value":["1.2.3"]},"00080018":{"vr":"UI","Value":["1.2.3.4"]},"00080060":{"vr":"CS","Value":["DX"]}}]"""));
        using var client = new DicomWebClient(Root, new AuthenticationHeaderValue("Bearer", "t0ken"), attempts: 3, firstDelay: TimeSpan.FromMilliseconds(1), handler: server);

        var found = await client.SearchInstancesAsync([new("Modality", "DX"), new("StudyDate", "20260101-")]);

        Assert.Equal(new DicomWebInstance("1.2", "1.2.3", "1.2.3.4", "DX", null), Assert.Single(found));
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal("http://pacs.test/dicom-web/instances?Modality=DX&StudyDate=20260101-", server.Requests[0].RequestUri!.AbsoluteUri);
        Assert.All(server.Requests, r => Assert.Equal("Bearer t0ken", r.Headers.Authorization!.ToString()));
    }

    [Fact]
    public async Task AClientErrorIsNotRetriedAndServerErrorsGiveUpAfterTheLastTry()
    {
        var notFound = new ScriptedServer(_ => new HttpResponseMessage(HttpStatusCode.NotFound));
        using (var client = new DicomWebClient(Root, attempts: 3, firstDelay: TimeSpan.FromMilliseconds(1), handler: notFound))
        {
            var error = await Assert.ThrowsAsync<DicomWebException>(() => client.SearchInstancesAsync([]));
            Assert.Equal(404, error.Status);
        }

        Assert.Single(notFound.Requests);
        var failing = new ScriptedServer(_ => new HttpResponseMessage(HttpStatusCode.BadGateway));
        using (var client = new DicomWebClient(Root, attempts: 3, firstDelay: TimeSpan.FromMilliseconds(1), handler: failing))
        {
            var error = await Assert.ThrowsAsync<DicomWebException>(() => client.SearchInstancesAsync([]));
            Assert.Contains("after 3 tries", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(3, failing.Requests.Count);
    }

    [Fact]
    public async Task ARetrieveAsksForExplicitLittleEndianAndFallsBackToTheStoredSyntax()
    {
        var file = Encoding.ASCII.GetBytes("not really DICOM but bytes\r\n--with a dash line");
        var server = new ScriptedServer(
            _ => new HttpResponseMessage(HttpStatusCode.NotAcceptable),
            _ => Multipart(file, "b0undary"));
        using var client = new DicomWebClient(Root, handler: server);

        var bytes = await client.RetrieveInstanceAsync(new DicomWebInstance("1.2", "1.2.3", "1.2.3.4", null, null));

        Assert.Equal(file, bytes);
        Assert.Equal("http://pacs.test/dicom-web/studies/1.2/series/1.2.3/instances/1.2.3.4", server.Requests[0].RequestUri!.AbsoluteUri);
        Assert.Contains("transfer-syntax=1.2.840.10008.1.2.1", server.Requests[0].Headers.Accept.ToString(), StringComparison.Ordinal);
        Assert.Contains("transfer-syntax=*", server.Requests[1].Headers.Accept.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStoreSendsEveryFileAsOnePartAndFailsWhenTheServerRefusesOne()
    {
        byte[] first = [1, 2, 3];
        byte[] second = [4, 5, 6, 7];
        var server = new ScriptedServer(
            request => Json("{}"),
            request => Json("""{"00081198":{"vr":"SQ","Value":[{"00081197":{"vr":"US","Value":[272]}}]}}"""));
        using var client = new DicomWebClient(Root, handler: server);

        await client.StoreAsync("1.2", [first, second]);
        var error = await Assert.ThrowsAsync<DicomWebException>(() => client.StoreAsync("1.2", [first]));

        Assert.Contains("refused", error.Message, StringComparison.Ordinal);
        var sent = server.Bodies[0];
        var contentType = server.Requests[0].Content!.Headers.ContentType!;
        Assert.Equal("multipart/related", contentType.MediaType);
        var boundary = contentType.Parameters.Single(p => p.Name == "boundary").Value!;
        Assert.Equal([first, second], MultipartRelated.Parse(sent, boundary));
        Assert.Equal("http://pacs.test/dicom-web/studies/1.2", server.Requests[0].RequestUri!.AbsoluteUri);
    }

    [Fact]
    public void AQidoAnswerThatIsNotAnArrayIsAnError() =>
        Assert.Throws<DicomWebException>(() => DicomWebInstance.ParseSearch("{\"error\": 1}"));

    private static HttpResponseMessage Json(string text) =>
        new(HttpStatusCode.OK) { Content = new StringContent(text, Encoding.UTF8, "application/dicom+json") };

    private static HttpResponseMessage Multipart(byte[] file, string boundary)
    {
        var body = new MemoryStream();
        body.Write(Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Type: application/dicom\r\n\r\n"));
        body.Write(file);
        body.Write(Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n"));
        var content = new ByteArrayContent(body.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/related; type=\"application/dicom\"; boundary={boundary}");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    /// <summary>Answers each request with the next scripted response (the last one repeats).</summary>
    private sealed class ScriptedServer(params Func<HttpRequestMessage, HttpResponseMessage>[] script) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        public List<byte[]> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            if (request.Content is not null)
            {
                Bodies.Add(await request.Content.ReadAsByteArrayAsync(cancellationToken));
            }

            return script[Math.Min(Requests.Count - 1, script.Length - 1)](request);
        }
    }
}
