using System.Text.Json;
using SpineKit.TestSupport;

namespace SpineKit.Cli.Tests.Commands;

/// <summary>The README's main command: the shipped model on the bundled sample, found without --model.</summary>
public sealed class ShippedModelTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("spinekit-cli-shipped-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void AnalyzesTheBundledSampleWithTheShippedModel()
    {
        var sample = RepositoryFiles.Sample;
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = SpineKitApp.Run(["analyze", sample, "--out", _folder.FullName, "--overlay"], output, error);

        Assert.True(exitCode == ExitCodes.Success, error.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder.FullName, "ap-radiograph.json")));
        var vertebrae = json.RootElement.GetProperty("vertebrae").EnumerateArray().ToList();
        Assert.Equal(17, vertebrae.Count);
        Assert.Equal("T1", vertebrae[0].GetProperty("level").GetString());
        Assert.Equal("L5", vertebrae[^1].GetProperty("level").GetString());

        // Ordered top to bottom, and spread over the spine rather than piled in one place.
        var centres = vertebrae.Select(v => v.GetProperty("corners").EnumerateObject().Average(c => c.Value.GetProperty("y").GetDouble())).ToList();
        Assert.Equal(centres.Order(), centres);
        var height = json.RootElement.GetProperty("image").GetProperty("height").GetDouble();
        Assert.True(centres[^1] - centres[0] > 0.4 * height, $"vertebrae span only {centres[^1] - centres[0]:0} of {height:0} px");
        Assert.True(File.Exists(Path.Combine(_folder.FullName, "ap-radiograph.overlay.png")));

        // The same command again (as a reader of the README would) keeps the first results and says how to replace them.
        var again = new StringWriter();
        var secondExit = SpineKitApp.Run(["analyze", sample, "--out", _folder.FullName, "--overlay"], output, again);
        Assert.Equal(ExitCodes.ProcessingError, secondExit);
        Assert.Contains("ap-radiograph.json already exists (from an earlier run?); pass --overwrite to replace it", again.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", SharedData.Category)]
    public void NoDicomSampleIsMeasuredAsAnApSpineFilm()
    {
        // None of the DICOM samples is an AP spine film: each is refused, or measured with an "unsure" verdict.
        var samples = Directory.EnumerateFiles(SharedData.PathOf("datasets/dicom-samples")).ToList();
        var output = new StringWriter();
        var error = new StringWriter();

        SpineKitApp.Run(["analyze", .. samples, "--out", _folder.FullName], output, error);

        var results = Directory.EnumerateFiles(_folder.FullName, "*.json").ToList();
        Assert.Equal(samples.Count, results.Count + error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        foreach (var result in results)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(result));
            Assert.Equal("unsure", json.RootElement.GetProperty("film").GetProperty("verdict").GetString());
        }

        // The bundled sample itself passes the check.
        SpineKitApp.Run(["analyze", RepositoryFiles.Sample, "--out", _folder.FullName], output, error);
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder.FullName, "ap-radiograph.json")));
        Assert.Equal("apSpine", sample.RootElement.GetProperty("film").GetProperty("verdict").GetString());
    }
}
