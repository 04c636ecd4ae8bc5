using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpineKit.TestSupport;

namespace SpineKit.Web.Tests;

/// <summary>
/// <c>POST /api/sessions/{id}/overlay.png</c> and the challenge CSV files: the exports of the vertebrae the page shows
/// after it edited them (deleted, relabelled, moved), validated like every other request; the session is left as it was.
/// </summary>
public sealed class ShownExportTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task EditedVertebrae_AreTheExportedCornersAndAngles_AndTheSessionIsUnchanged()
    {
        var (id, prediction) = await OpenSampleAsync();
        var (width, height) = (prediction["image"]!["width"]!.GetValue<int>(), prediction["image"]!["height"]!.GetValue<int>());
        var document = Edited(prediction);
        var shown = document["vertebrae"]!.AsArray();

        var landmarks = await CsvAsync(await Server.Client.PostAsync($"/api/sessions/{id}/landmarks.csv", Body(document)));
        var numbers = landmarks.Trim().Split(',').Select(n => double.Parse(n, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(16 * 4 * 2, numbers.Length);
        var expected = shown.SelectMany(v => new[] { "tl", "tr", "bl", "br" }.Select(c => v!["corners"]![c]!)).ToArray();
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i]["x"]!.GetValue<double>() / width, numbers[i], 1e-6);
            Assert.Equal(expected[i]["y"]!.GetValue<double>() / height, numbers[expected.Length + i], 1e-6);
        }

        // The angles are the challenge rules on the shown corners: /api/measure (no session) measures the same document.
        var measured = await ApiResponses.JsonAsync(await Server.Client.PostAsync("/api/measure", Body(document)));
        var challenge = measured.GetProperty("analysis").GetProperty("challengeAngles");
        var angles = (await CsvAsync(await Server.Client.PostAsync($"/api/sessions/{id}/angles.csv", Body(document)))).Trim().Split(',')
            .Select(n => double.Parse(n, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(challenge.GetProperty("first").GetDouble(), angles[0], 0.01);
        Assert.Equal(challenge.GetProperty("second").GetDouble(), angles[1], 0.01);
        Assert.Equal(challenge.GetProperty("third").GetDouble(), angles[2], 0.01);
        Assert.Equal("ap-radiograph.jpg", (await CsvAsync(await Server.Client.PostAsync($"/api/sessions/{id}/filenames.csv", Body(document)))).Trim());

        // The overlay is the film with the shown vertebrae drawn: it differs from the session's (L5 is gone, T8 moved).
        var posted = await Server.Client.PostAsync($"/api/sessions/{id}/overlay.png", Body(document));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal("image/png", posted.Content.Headers.ContentType?.MediaType);
        var drawn = await posted.Content.ReadAsByteArrayAsync();
        var automatic = await Server.Client.GetByteArrayAsync($"/api/sessions/{id}/overlay.png");
        var (shownPicture, automaticPicture) = ((Imaging.Image<byte>)Imaging.Formats.Png.PngDecoder.Decode(drawn), (Imaging.Image<byte>)Imaging.Formats.Png.PngDecoder.Decode(automatic));
        Assert.Equal((width, height), (shownPicture.Width, shownPicture.Height));
        var t8 = shown.Single(v => v!["level"]!.GetValue<string>() == "T8")!;
        Assert.Equal(4, YellowCorners(shownPicture, t8));
        Assert.Equal(0, YellowCorners(automaticPicture, t8));
        var l5 = prediction["vertebrae"]!.AsArray().Single(v => v!["level"]!.GetValue<string>() == "L5")!;
        Assert.True(YellowCorners(automaticPicture, l5) >= 2, "the automatic overlay marks L5's corners");
        Assert.Equal(0, YellowCorners(shownPicture, l5));

        // Exports are read-only: the session still answers its own, unedited state.
        var own = await CsvAsync(await Server.Client.GetAsync($"/api/sessions/{id}/landmarks.csv"));
        Assert.Equal(17 * 4 * 2, own.Trim().Split(',').Length);
    }

    [Theory]
    [InlineData("size", HttpStatusCode.BadRequest, "must be this film's size")]
    [InlineData("far", HttpStatusCode.BadRequest, "lies far outside")]
    [InlineData("upper-only", HttpStatusCode.BadRequest, "four corners on every vertebra")]
    [InlineData("one", HttpStatusCode.BadRequest, "at least two vertebrae")]
    [InlineData("level", HttpStatusCode.BadRequest, "must name a level from C1 to S1")]
    [InlineData("none", HttpStatusCode.BadRequest, "no vertebrae")]
    [InlineData("json", HttpStatusCode.BadRequest, "not valid JSON")]
    [InlineData("huge", HttpStatusCode.RequestEntityTooLarge, "larger than 512 KiB")]
    public async Task BadBody_IsATypedErrorThatNamesTheProblem(string problem, HttpStatusCode status, string expected)
    {
        var (id, prediction) = await OpenSampleAsync();
        var document = Edited(prediction);
        var vertebrae = document["vertebrae"]!.AsArray();
        HttpContent body = Body(document);
        switch (problem)
        {
            case "size":
                document["image"]!["width"] = 100;
                body = Body(document);
                break;
            case "far":
                vertebrae[3]!["corners"]!["tl"]!["x"] = 1e7;
                body = Body(document);
                break;
            case "upper-only":
                vertebrae[0]!["corners"]!.AsObject().Remove("bl");
                vertebrae[0]!["corners"]!.AsObject().Remove("br");
                body = Body(document);
                break;
            case "one":
                while (vertebrae.Count > 1)
                {
                    vertebrae.RemoveAt(1);
                }

                body = Body(document);
                break;
            case "level":
                vertebrae[2]!["level"] = "X9";
                body = Body(document);
                break;
            case "none":
                vertebrae.Clear();
                body = Body(document);
                break;
            case "json":
                body = new StringContent("{\"schema\": ", Encoding.UTF8, "application/json");
                break;
            case "huge":
                body = new StringContent(new string(' ', 600 * 1024) + "{}", Encoding.UTF8, "application/json");
                break;
        }

        var message = await ApiResponses.ErrorAsync(await Server.Client.PostAsync($"/api/sessions/{id}/landmarks.csv", body), status);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownSession_IsA404()
    {
        var (_, prediction) = await OpenSampleAsync();
        var message = await ApiResponses.ErrorAsync(
            await Server.Client.PostAsync($"/api/sessions/{new string('0', 32)}/overlay.png", Body(Edited(prediction))), HttpStatusCode.NotFound);
        Assert.NotEmpty(message);
    }

    private async Task<(string Id, JsonObject Prediction)> OpenSampleAsync()
    {
        var analysed = await ApiResponses.JsonAsync(await Server.AnalyzeAsync(File.ReadAllBytes(RepositoryFiles.Sample)));
        return (analysed.GetProperty("id").GetString()!, JsonNode.Parse(analysed.GetProperty("prediction").GetRawText())!.AsObject());
    }

    // The page's edits: L5 deleted, T1 relabelled C7, T8 moved whole by (+5, -3).
    private static JsonObject Edited(JsonObject prediction)
    {
        var vertebrae = new JsonArray();
        foreach (var node in prediction["vertebrae"]!.AsArray())
        {
            var vertebra = node!.DeepClone().AsObject();
            var level = vertebra["level"]!.GetValue<string>();
            if (level == "L5")
            {
                continue;
            }

            if (level == "T1")
            {
                vertebra["level"] = "C7";
            }

            if (level == "T8")
            {
                foreach (var (_, corner) in vertebra["corners"]!.AsObject())
                {
                    corner!["x"] = Math.Round(corner["x"]!.GetValue<double>() + 5, 2);
                    corner["y"] = Math.Round(corner["y"]!.GetValue<double>() - 3, 2);
                }
            }

            vertebrae.Add(vertebra);
        }

        return new JsonObject
        {
            ["schema"] = "spinekit.analysis/1",
            ["image"] = prediction["image"]!.DeepClone(),
            ["vertebrae"] = vertebrae,
        };
    }

    private static StringContent Body(JsonObject document) => new(document.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<string> CsvAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {response.StatusCode}: {text}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return text;
    }

    // The overlay's corner dots are Okabe and Ito's yellow (F0 E4 42): how many of a vertebra's corners have one at their pixel.
    private static int YellowCorners(Imaging.Image<byte> picture, JsonNode vertebra) =>
        new[] { "tl", "tr", "bl", "br" }.Count(name =>
        {
            var corner = vertebra["corners"]![name]!;
            var (x, y) = ((int)Math.Round(corner["x"]!.GetValue<double>()), (int)Math.Round(corner["y"]!.GetValue<double>()));
            return x >= 0 && y >= 0 && x < picture.Width && y < picture.Height
                && Math.Abs(picture[x, y, 0] - 0xF0) < 16 && Math.Abs(picture[x, y, 1] - 0xE4) < 16 && Math.Abs(picture[x, y, 2] - 0x42) < 24;
        });
}
