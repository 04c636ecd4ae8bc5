using System.Net;
using SpineKit.TestSupport;

namespace SpineKit.Web.Tests;

public sealed class ImageSizeLimitTests
{
    [Fact]
    public async Task Analyze_ImageOverThePixelLimit_Is413BeforeDecoding()
    {
        // The sample is 755 x 2375 (1.8 Mpx); a 1 Mpx limit refuses it from the JPEG header alone.
        await using var server = await RunningServer.StartAsync(maxImagePixels: 1_000_000);
        var message = await ApiResponses.ErrorAsync(await server.AnalyzeAsync(File.ReadAllBytes(RepositoryFiles.Sample)), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("The image is 755 x 2375 pixels; the server accepts at most 1 megapixels.", message);
        Assert.Equal(0, server.Service.Sessions.Count);
    }
}
