using System.Net;
using System.Text;
using System.Text.Json;

namespace SpineKit.Web.Tests;

/// <summary><c>POST /api/measure</c>: corners the page holds, measured without a session (Cobb report, lateral angles).</summary>
public sealed class MeasureEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly double Degrees = 180 / Math.PI;

    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task Lateral_HandMadeSet_GivesTheHandComputedLordosisAndSacralSlope()
    {
        // Patient facing the image's right: an endplate's inclination is atan2(anterior y - posterior y, |dx|).
        var answer = await ApiResponses.JsonAsync(await PostAsync(LateralDocument(withS1: true, facing: null)));
        var sagittal = answer.GetProperty("sagittal");
        var l1Top = Math.Atan2(80 - 100, 100) * Degrees;      // -11.31
        var l5Bottom = Math.Atan2(630 - 600, 100) * Degrees;  // 16.70
        var s1Top = Math.Atan2(700 - 640, 100) * Degrees;     // 30.96
        Assert.Equal("right", sagittal.GetProperty("facing").GetString());
        Assert.True(sagittal.GetProperty("facingInferred").GetBoolean());
        Assert.Equal(l5Bottom - l1Top, sagittal.GetProperty("lordosisL1L5").GetDouble(), 0.005);
        Assert.Equal(s1Top - l1Top, sagittal.GetProperty("lordosisL1S1").GetDouble(), 0.005);
        Assert.Equal(s1Top, sagittal.GetProperty("sacralSlope").GetDouble(), 0.005);
        Assert.Empty(sagittal.GetProperty("missing").EnumerateArray());
        Assert.Equal(6, answer.GetProperty("analysis").GetProperty("vertebrae").GetArrayLength());

        // Told the patient faces left, the anterior ends swap and every inclination changes sign.
        var left = (await ApiResponses.JsonAsync(await PostAsync(LateralDocument(withS1: true, facing: "left")))).GetProperty("sagittal");
        Assert.False(left.GetProperty("facingInferred").GetBoolean());
        Assert.Equal(-s1Top, left.GetProperty("sacralSlope").GetDouble(), 0.005);
    }

    [Fact]
    public async Task Lateral_WithoutS1_SaysWhatIsMissing()
    {
        var sagittal = (await ApiResponses.JsonAsync(await PostAsync(LateralDocument(withS1: false, facing: null)))).GetProperty("sagittal");
        Assert.Equal(JsonValueKind.Null, sagittal.GetProperty("facing").ValueKind);
        Assert.Equal(JsonValueKind.Null, sagittal.GetProperty("lordosisL1L5").ValueKind);
        var missing = string.Join(" | ", sagittal.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains("facing", missing, StringComparison.Ordinal);
        Assert.Contains("sacral slope needs S1", missing, StringComparison.Ordinal);

        var stated = (await ApiResponses.JsonAsync(await PostAsync(LateralDocument(withS1: false, facing: "right")))).GetProperty("sagittal");
        Assert.Equal(Math.Atan2(30, 100) * Degrees - (Math.Atan2(-20, 100) * Degrees), stated.GetProperty("lordosisL1L5").GetDouble(), 0.005);
        Assert.Equal(JsonValueKind.Null, stated.GetProperty("sacralSlope").ValueKind);
    }

    [Theory]
    [InlineData("{}", "'schema' must be")]
    [InlineData("{\"schema\":\"spinekit.analysis/1\",\"image\":{\"width\":1000,\"height\":1000},\"vertebrae\":[{\"level\":\"X9\",\"corners\":{}}]}", "must name a level from C1 to S1")]
    [InlineData("{\"schema\":\"spinekit.analysis/1\",\"image\":{\"width\":1000,\"height\":1000},\"vertebrae\":[]}", "no vertebrae")]
    [InlineData("{\"schema\":\"spinekit.analysis/1\",\"image\":{\"width\":1000,\"height\":1000},\"vertebrae\":[{\"level\":\"L1\",\"corners\":{\"tl\":{\"x\":1,\"y\":1},\"tr\":{\"x\":9,\"y\":1}}}],\"view\":\"oblique\"}", "'view' must be")]
    public async Task BadBody_IsA400ThatNamesTheProblem(string body, string expected)
    {
        var message = await ApiResponses.ErrorAsync(await Server.Client.PostAsync("/api/measure", new StringContent(body, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> PostAsync(object document) =>
        Server.Client.PostAsync("/api/measure", new StringContent(JsonSerializer.Serialize(document), Encoding.UTF8, "application/json"));

    // L1 to L5 (and S1) of a lateral film facing the image's right; only L1's upper, L5's lower and S1's upper endplates matter.
    internal static object LateralDocument(bool withS1, string? facing)
    {
        var vertebrae = new List<object>
        {
            Vertebra("L1", (100, 100), (200, 80), (100, 180), (200, 170)),
            Vertebra("L2", (100, 200), (200, 195), (100, 280), (200, 280)),
            Vertebra("L3", (100, 300), (200, 300), (100, 380), (200, 385)),
            Vertebra("L4", (100, 400), (200, 405), (100, 480), (200, 490)),
            Vertebra("L5", (100, 500), (200, 510), (100, 600), (200, 630)),
        };
        if (withS1)
        {
            vertebrae.Add(Vertebra("S1", (100, 640), (200, 700), (100, 760), (200, 800)));
        }

        return new { schema = "spinekit.analysis/1", image = new { file = "lateral.png", width = 400, height = 900 }, vertebrae, view = "lateral", facing };
    }

    private static object Vertebra(string level, (double X, double Y) tl, (double X, double Y) tr, (double X, double Y) bl, (double X, double Y) br) => new
    {
        level,
        corners = new Dictionary<string, object>
        {
            ["tl"] = new { x = tl.X, y = tl.Y },
            ["tr"] = new { x = tr.X, y = tr.Y },
            ["bl"] = new { x = bl.X, y = bl.Y },
            ["br"] = new { x = br.X, y = br.Y },
        },
    };
}
