using System.Globalization;
using System.Text.Json;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Reporting;
using SpineKit.Imaging;
using SpineKit.TestSupport;

namespace SpineKit.Web.Tests;

/// <summary>The happy path over real HTTP: the sample, the shipped model, analyze then refine and every export.</summary>
public sealed class AnalyzeAndRefineTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task Analyze_Sample_ReturnsTheLibrarysAnalysisOfEveryLevel()
    {
        var bytes = File.ReadAllBytes(RepositoryFiles.Sample);
        var body = await ApiResponses.JsonAsync(await Server.AnalyzeAsync(bytes));

        Assert.Matches("^[0-9a-f]{32}$", body.GetProperty("id").GetString());
        Assert.Empty(body.GetProperty("hints").EnumerateArray());
        var prediction = body.GetProperty("prediction");
        Assert.Equal("spinekit.analysis/1", prediction.GetProperty("schema").GetString());
        var header = ImageReader.Identify(bytes);
        Assert.Equal(header.Width, prediction.GetProperty("image").GetProperty("width").GetInt32());
        Assert.Equal(header.Height, prediction.GetProperty("image").GetProperty("height").GetInt32());
        Assert.Equal(
            ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5"],
            prediction.GetProperty("vertebrae").EnumerateArray().Select(v => v.GetProperty("level").GetString()));

        // The server adds nothing of its own: the corners are those `spinekit analyze` would write.
        var image = ImageReader.Read(bytes);
        var direct = new LandmarkDetector(LandmarkModel.Load(RepositoryFiles.Model)).Detect(image.ToGrayscale(), RadiographSpacing.Of(image), imageName: "ap-radiograph.jpg");
        var expected = JsonDocument.Parse(AnalysisJson.Write(direct, "ap-radiograph.jpg")).RootElement;
        Assert.Equal(ApiResponses.Corners(expected), ApiResponses.Corners(prediction));
    }

    [Fact]
    public async Task Analyze_WithEveryStage_GivesWhatAnalyzeGives_AndResetReturnsToIt()
    {
        // `spinekit serve` loads the locator, level classifier and refiner beside the corner model by default.
        await using var server = await RunningServer.StartAsync(withAllStages: true);
        var bytes = File.ReadAllBytes(RepositoryFiles.Sample);
        var analysed = await ApiResponses.JsonAsync(await server.AnalyzeAsync(bytes));
        var prediction = analysed.GetProperty("prediction");

        var image = ImageReader.Read(bytes);
        var direct = RunningServer.AllStages().Detect(image.ToGrayscale(), RadiographSpacing.Of(image), imageName: "ap-radiograph.jpg");
        var expected = JsonDocument.Parse(AnalysisJson.Write(direct, "ap-radiograph.jpg")).RootElement;
        Assert.Equal(ApiResponses.Corners(expected), ApiResponses.Corners(prediction));
        Assert.Equal(expected.GetProperty("challengeAngles").GetRawText(), prediction.GetProperty("challengeAngles").GetRawText());
        // Level confidences come from the level classifier, a stage the corner model alone does not have.
        Assert.Contains(prediction.GetProperty("vertebrae").EnumerateArray(), v => v.GetProperty("levelConfidence").ValueKind != JsonValueKind.Null);

        // A correction is predicted again; taking it back returns the automatic result exactly.
        var id = analysed.GetProperty("id").GetString()!;
        var (x, y) = ApiResponses.Corner(prediction, "T8", "tl");
        var refined = await ApiResponses.JsonAsync(await ApiResponses.RefineAsync(server.Client, id, ("T8", "tl", x + 6, y + 4)));
        Assert.Equal((x + 6, y + 4), ApiResponses.Corner(refined.GetProperty("prediction"), "T8", "tl"));
        var reset = await ApiResponses.JsonAsync(await ApiResponses.RefineAsync(server.Client, id));
        Assert.Equal(ApiResponses.Corners(prediction), ApiResponses.Corners(reset.GetProperty("prediction")));
    }

    [Fact]
    public async Task Refine_MovedCorner_IsKeptExactlyAndTheRestIsRepredicted()
    {
        var analysed = await ApiResponses.JsonAsync(await Server.AnalyzeAsync(File.ReadAllBytes(RepositoryFiles.Sample)));
        var id = analysed.GetProperty("id").GetString()!;
        var before = analysed.GetProperty("prediction");
        var (x, y) = ApiResponses.Corner(before, "T8", "tl");
        var target = (X: Math.Round(x + 23.25, 2), Y: Math.Round(y + 17.5, 2));

        var refined = await ApiResponses.JsonAsync(await ApiResponses.RefineAsync(Server.Client, id, ("T8", "tl", target.X, target.Y)));

        Assert.Equal(id, refined.GetProperty("id").GetString());
        var after = refined.GetProperty("prediction");
        Assert.Equal(target, ApiResponses.Corner(after, "T8", "tl"));
        var hint = Assert.Single(refined.GetProperty("hints").EnumerateArray());
        Assert.Equal("T8", hint.GetProperty("level").GetString());
        Assert.Equal(target.X, hint.GetProperty("x").GetDouble());
        var othersMoved = ApiResponses.Corners(before).Zip(ApiResponses.Corners(after))
            .Where(pair => !(pair.First.Level == "T8" && pair.First.Corner == "tl"))
            .Count(pair => Math.Abs(pair.First.X - pair.Second.X) + Math.Abs(pair.First.Y - pair.Second.Y) > 0.01);
        Assert.True(othersMoved > 0, "the network should re-predict the other corners with the hint");

        // Reset (no hints) returns the automatic result again.
        var reset = await ApiResponses.JsonAsync(await ApiResponses.RefineAsync(Server.Client, id));
        Assert.Equal(ApiResponses.Corners(before), ApiResponses.Corners(reset.GetProperty("prediction")));
    }

    [Fact]
    public async Task Exports_FollowTheLatestCorrection()
    {
        var bytes = File.ReadAllBytes(RepositoryFiles.Sample);
        var analysed = await ApiResponses.JsonAsync(await Server.AnalyzeAsync(bytes, "case 7.jpg"));
        var id = analysed.GetProperty("id").GetString()!;
        var refined = await ApiResponses.JsonAsync(await ApiResponses.RefineAsync(Server.Client, id, ("L2", "br", 420.5, 1900.25)));
        var prediction = refined.GetProperty("prediction");
        var header = ImageReader.Identify(bytes);

        var display = await Server.Client.GetByteArrayAsync($"/api/sessions/{id}/image.png");
        var shown = ImageReader.Read(display);
        Assert.Equal(ImageContainerFormat.Png, shown.Metadata.Format);
        Assert.Equal((header.Width, header.Height), (shown.Metadata.Width, shown.Metadata.Height));

        var overlay = ImageReader.Read(await Server.Client.GetByteArrayAsync($"/api/sessions/{id}/overlay.png"));
        Assert.Equal((header.Width, header.Height, 3), (overlay.Metadata.Width, overlay.Metadata.Height, overlay.Metadata.Channels));

        var json = JsonDocument.Parse(await Server.Client.GetStringAsync($"/api/sessions/{id}/analysis.json")).RootElement;
        Assert.Equal("case 7.jpg", json.GetProperty("image").GetProperty("file").GetString());
        Assert.Equal((420.5, 1900.25), ApiResponses.Corner(json, "L2", "br"));

        Assert.Equal("case 7.jpg\n", await Server.Client.GetStringAsync($"/api/sessions/{id}/filenames.csv"));
        var landmarks = (await Server.Client.GetStringAsync($"/api/sessions/{id}/landmarks.csv")).TrimEnd('\n').Split(',')
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(136, landmarks.Length);

        // L2 is the 14th level, bottom-right its 4th corner: x at 13 * 4 + 3, y 68 further on, normalised by the size.
        Assert.Equal(420.5 / header.Width, landmarks[55], 12);
        Assert.Equal(1900.25 / header.Height, landmarks[68 + 55], 12);
        var angles = (await Server.Client.GetStringAsync($"/api/sessions/{id}/angles.csv")).TrimEnd('\n').Split(',')
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var challenge = prediction.GetProperty("challengeAngles");
        Assert.Equal(challenge.GetProperty("first").GetDouble(), angles[0], 3);
        Assert.Equal(challenge.GetProperty("second").GetDouble(), angles[1], 3);
        Assert.Equal(challenge.GetProperty("third").GetDouble(), angles[2], 3);
    }

    [Fact]
    public async Task Page_IsServedAtTheRootWithTheElementsTheTestsUse()
    {
        var response = await Server.Client.GetAsync("/");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        foreach (var id in new[] { "id=\"file\"", "id=\"canvas\"", "id=\"angles\"", "id=\"undo\"", "id=\"redo\"", "id=\"reset\"" })
        {
            Assert.Contains(id, html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }
}
