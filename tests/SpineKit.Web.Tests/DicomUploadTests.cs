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

    [Fact]
    public async Task TwelveBitDicom_ServesItsModalityValuesAndWindows_AJpegNone()
    {
        await using var server = await RunningServer.StartAsync(measureRefusedFilms: true);
        var bytes = File.ReadAllBytes(Fixture("mono2-u12.dcm"));
        var analysed = await ApiResponses.JsonAsync(await server.AnalyzeAsync(bytes, "mono2-u12.dcm"));
        var display = analysed.GetProperty("display");
        Assert.True(display.GetProperty("modality").GetBoolean());
        Assert.False(display.GetProperty("inverted").GetBoolean());
        Assert.Equal(-100, display.GetProperty("minimum").GetDouble());
        Assert.Equal((4095 * 0.5) - 100, display.GetProperty("maximum").GetDouble());
        var windows = display.GetProperty("windows").EnumerateArray().Select(w => (w.GetProperty("center").GetDouble(), w.GetProperty("width").GetDouble()));
        Assert.Equal([(1800.0, 2000.0), (900.0, 600.0)], windows);

        // The values against the file's own bytes: the last (7FE0,0010) element, explicit VR OW, 12 of 16 bits stored,
        // through the file's RescaleSlope 0.5 and RescaleIntercept -100.
        var id = analysed.GetProperty("id").GetString()!;
        var served = await server.Client.GetByteArrayAsync($"/api/sessions/{id}/modality.f32");
        var tag = bytes.AsSpan().LastIndexOf(new byte[] { 0xE0, 0x7F, 0x10, 0x00, (byte)'O', (byte)'W' });
        var length = BitConverter.ToInt32(bytes, tag + 8);
        Assert.Equal(24 * 20 * 2, length);
        Assert.Equal(24 * 20 * 4, served.Length);
        var values = new double[24 * 20];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ((BitConverter.ToUInt16(bytes, tag + 12 + (2 * i)) & 0x0FFF) * 0.5) - 100;
            Assert.Equal(values[i], BitConverter.ToSingle(served, 4 * i));
        }

        // The min-max preset as dcmtk's +Wm defines it: centre (min + max + 1) / 2, width max - min + 1.
        var minMax = display.GetProperty("minMax");
        Assert.Equal((values.Min() + values.Max() + 1) / 2, minMax.GetProperty("center").GetDouble());
        Assert.Equal(values.Max() - values.Min() + 1, minMax.GetProperty("width").GetDouble());

        // A JPEG has no modality values: the page windows its 8-bit rendering.
        var jpeg = await ApiResponses.JsonAsync(await server.AnalyzeAsync(File.ReadAllBytes(SpineKit.TestSupport.RepositoryFiles.Sample)));
        Assert.False(jpeg.GetProperty("display").GetProperty("modality").GetBoolean());
        var message = await ApiResponses.ErrorAsync(await server.Client.GetAsync($"/api/sessions/{jpeg.GetProperty("id").GetString()}/modality.f32"), HttpStatusCode.NotFound);
        Assert.Contains("not a greyscale DICOM", message, StringComparison.Ordinal);
    }
}
