using System.Net;
using System.Net.Http.Headers;
using SpineKit.Imaging;

namespace SpineKit.Web.Tests;

/// <summary>
/// <c>POST /api/render</c>: a film decoded and rendered for annotation by hand, without the model or the film check,
/// through the same upload checks as analyze; dcmtk's rendering (a committed reference) is the oracle.
/// </summary>
public sealed class RenderEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Fact]
    public async Task ADicomAnalyzeRefuses_IsRenderedThroughItsFirstWindowAsDcmtkRendersIt()
    {
        var bytes = File.ReadAllBytes(Fixture("mono1-s16.dcm"));

        // Analyze refuses this film (18x16 pixels); rendering it for annotation runs no film check and no model.
        await ApiResponses.ErrorAsync(await fixture.Server.AnalyzeAsync(bytes, "scan.dcm"), HttpStatusCode.UnprocessableEntity);
        var response = await RenderAsync(bytes, "scan.dcm");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var shown = (Image<byte>)ImageReader.Read(await response.Content.ReadAsByteArrayAsync()).Pixels;
        var reference = (Image<byte>)ImageReader.Read(Fixture("mono1-s16.window.ref8.png")).Pixels;
        Assert.Equal((reference.Width, reference.Height, reference.Channels), (shown.Width, shown.Height, shown.Channels));
        var largest = shown.Pixels.ToArray().Zip(reference.Pixels.ToArray()).Max(pair => Math.Abs(pair.First - pair.Second));
        Assert.True(largest <= 1, $"rendering differs from dcmtk's +Wi 1 rendering by {largest} grey levels");
    }

    [Fact]
    public async Task TheFilesPixelSpacing_TravelsInAHeader_AndNoSessionIsOpened()
    {
        var before = fixture.Server.Service.Sessions.Count;

        // mono2-u12.dcm states PixelSpacing (0028,0030) = 0.139\0.143: row spacing, then column spacing, in millimetres.
        var response = await RenderAsync(File.ReadAllBytes(Fixture("mono2-u12.dcm")), "mono2-u12.dcm");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("0.139,0.143", Assert.Single(response.Headers.GetValues("X-Pixel-Spacing-Mm")));
        Assert.Equal(before, fixture.Server.Service.Sessions.Count);

        // A JPEG states no spacing.
        var jpeg = await RenderAsync(File.ReadAllBytes(SpineKit.TestSupport.RepositoryFiles.Sample), "ap.jpg");
        Assert.Equal(HttpStatusCode.OK, jpeg.StatusCode);
        Assert.False(jpeg.Headers.Contains("X-Pixel-Spacing-Mm"));
    }

    [Fact]
    [Trait("Category", "SharedData")]
    public async Task ALateralCervicalDicom_AnalyzeRefuses_IsRenderedForAnnotationAsDcmtkRendersIt()
    {
        // pydicom's CR1: ViewPosition LL, BodyPartExamined CSPINE, MONOCHROME1, 12 bits stored, one file window.
        var path = SpineKit.TestSupport.SharedData.PathOf("datasets/dicom-samples/pydicom-cspine-CR1-6154.dcm");
        var bytes = File.ReadAllBytes(path);
        await ApiResponses.ErrorAsync(await fixture.Server.AnalyzeAsync(bytes, "cspine.dcm"), HttpStatusCode.UnprocessableEntity);

        var response = await RenderAsync(bytes, "cspine.dcm");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = (Image<byte>)ImageReader.Read(await response.Content.ReadAsByteArrayAsync()).Pixels;
        var output = Path.Combine(Path.GetTempPath(), $"spinekit-render-{Guid.NewGuid():N}.png");
        try
        {
            var (exit, _, error) = SpineKit.TestSupport.DicomTools.Run("dcmj2pnm", "+Wi", "1", "+on", path, output);
            Assert.True(exit == 0, $"dcmj2pnm failed: {error}");
            var reference = (Image<byte>)ImageReader.Read(output).Pixels;
            Assert.Equal((reference.Width, reference.Height, reference.Channels), (shown.Width, shown.Height, shown.Channels));
            var largest = shown.Pixels.ToArray().Zip(reference.Pixels.ToArray()).Max(pair => Math.Abs(pair.First - pair.Second));
            Assert.True(largest <= 1, $"rendering differs from dcmtk's +Wi 1 rendering by {largest} grey levels");
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task BadUploads_AreTheTypedErrorsOfAnalyze()
    {
        await ApiResponses.ErrorAsync(await RenderAsync("not an image at all"u8.ToArray(), "notes.txt"), HttpStatusCode.UnsupportedMediaType);
        var message = await ApiResponses.ErrorAsync(await RenderAsync(File.ReadAllBytes(Fixture("mono2-u12-jpegls.dcm")), "scan.dcm"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("JPEG-LS", message, StringComparison.OrdinalIgnoreCase);
        await ApiResponses.ErrorAsync(await RenderAsync([], "empty.dcm"), HttpStatusCode.BadRequest);
    }

    private Task<HttpResponseMessage> RenderAsync(byte[] bytes, string fileName)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return fixture.Server.Client.PostAsync("/api/render", form);
    }
}
