using SpineKit.TestSupport;
namespace SpineKit.Web.Tests;

/// <summary>Requests that overlap (two tabs, a fast drag) never mix one request's hints with another's answer.</summary>
public sealed class ConcurrentRefineTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task OverlappingRefines_EachKeepTheirOwnCorner()
    {
        var bytes = File.ReadAllBytes(RepositoryFiles.Sample);
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            ids.Add((await ApiResponses.JsonAsync(await fixture.Server.AnalyzeAsync(bytes))).GetProperty("id").GetString()!);
        }

        var requests = Enumerable.Range(0, 8).Select(async i =>
        {
            var target = (X: 300.0 + (7.25 * i), Y: 900.0 + (3.5 * i));
            var body = await ApiResponses.JsonAsync(await ApiResponses.RefineAsync(fixture.Server.Client, ids[i % 2], ("T10", "bl", target.X, target.Y)));
            return (Target: target, Id: body.GetProperty("id").GetString(), Got: ApiResponses.Corner(body.GetProperty("prediction"), "T10", "bl"));
        });

        var results = await Task.WhenAll(requests);
        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(ids[i % 2], results[i].Id);
            Assert.Equal(results[i].Target, results[i].Got);
        }
    }
}
