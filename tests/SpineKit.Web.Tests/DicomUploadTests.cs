using System.Net;
using SpineKit.Imaging;

namespace SpineKit.Web.Tests;

/// <summary>DICOM uploads: the display image is the file's own window (dcmtk is the oracle), unsupported codecs are a 422.</summary>
public sealed class DicomUploadTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Fact]
    public async Task Monochrome1_IsShownThroughItsFirstWindowAsDcmtkRendersIt()
    {
        // The fixture is 18x16 pixels, which the film check refuses; this server measures it anyway to show it.
        await using var server = await RunningServer.StartAsync(measureRefusedFilms: true);
        var analysed = await ApiResponses.JsonAsync(await server.AnalyzeAsync(File.ReadAllBytes(Fixture("mono1-s16.dcm")), "mono1-s16.dcm"));
        var id = analysed.GetProperty("id").GetString()!;
        var film = analysed.GetProperty("prediction").GetProperty("film");
        Assert.Equal("notSpine", film.GetProperty("verdict").GetString());

        var shown = (Image<byte>)ImageReader.Read(await server.Client.GetByteArrayAsync($"/api/sessions/{id}/image.png")).Pixels;
        var reference = (Image<byte>)ImageReader.Read(Fixture("mono1-s16.window.ref8.png")).Pixels;

        Assert.Equal((reference.Width, reference.Height, reference.Channels), (shown.Width, shown.Height, shown.Channels));
        var largest = shown.Pixels.ToArray().Zip(reference.Pixels.ToArray()).Max(pair => Math.Abs(pair.First - pair.Second));
        Assert.True(largest <= 1, $"display differs from dcmtk's +Wi 1 rendering by {largest} grey levels");
    }

    [Fact]
    public async Task AnImageTheFilmCheckRefusesIs422WithItsReasons()
    {
        var message = await ApiResponses.ErrorAsync(
            await fixture.Server.AnalyzeAsync(File.ReadAllBytes(Fixture("mono1-s16.dcm")), "scan.dcm"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("18x16 pixels, too small to show vertebrae", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JpegLsDicom_Is422NamingTheTransferSyntax()
    {
        var message = await ApiResponses.ErrorAsync(
            await fixture.Server.AnalyzeAsync(File.ReadAllBytes(Fixture("mono2-u12-jpegls.dcm")), "scan.dcm"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("JPEG-LS", message, StringComparison.OrdinalIgnoreCase);
    }
}
