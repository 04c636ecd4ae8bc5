using System.Globalization;
using SpineKit.Anatomy.Labels;
using SpineKit.Detection.Training;

namespace SpineKit.Detection.Tests.Training;

/// <summary>levels.csv beside training labels: T1 downwards is trained, anything else is refused with what a lateral model needs.</summary>
public sealed class TrainingLevelsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("spinekit-training-levels-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void NoLevelsCsv_OrT1Downwards_IsAccepted()
    {
        TrainingLevels.Check(ChallengeDataset.Load(Write(null)));
        TrainingLevels.Check(ChallengeDataset.Load(Write("T1,T2,T3")));
    }

    [Theory]
    [InlineData("C3,C4,C5", "labelled C3,C4,C5")]
    [InlineData("L5,L6,S1", "labelled L5,L6,S1")]
    [InlineData("T2,T3,T4", "labelled T2,T3,T4")]
    [InlineData("T1,T2", "2 levels named for 3 vertebrae")]
    public void OtherLevels_AreATypedErrorThatSaysWhatALateralModelNeeds(string levels, string expected)
    {
        var error = Assert.Throws<LabelFormatException>(() => TrainingLevels.Check(ChallengeDataset.Load(Write(levels))));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("levels.csv at line 1", error.Message, StringComparison.Ordinal);
        if (!expected.Contains("named for", StringComparison.Ordinal))
        {
            Assert.Contains("T1 to L5 only", error.Message, StringComparison.Ordinal);
            Assert.Contains("A lateral model (C2 to S1) needs its own level range", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheTrainersLoaderRefusesBeforeReadingAnyImage()
    {
        var root = Write("C3,C4,C5");
        Directory.CreateDirectory(Path.Combine(root, "images"));
        Assert.Throws<LabelFormatException>(() => TrainingSetLoader.Load(root, 64, 64));
    }

    private string Write(string? levels)
    {
        var root = Directory.CreateDirectory(Path.Combine(_folder.FullName, Guid.NewGuid().ToString("N"))).FullName;
        var labels = Directory.CreateDirectory(Path.Combine(root, "labels")).FullName;
        var numbers = Enumerable.Range(0, 24).Select(i => (0.1 + (i % 12 * 0.05)).ToString("R", CultureInfo.InvariantCulture));
        File.WriteAllText(Path.Combine(labels, "filenames.csv"), "a.png\n");
        File.WriteAllText(Path.Combine(labels, "landmarks.csv"), string.Join(",", numbers) + "\n");
        if (levels is not null)
        {
            File.WriteAllText(Path.Combine(labels, "levels.csv"), levels + "\n");
        }

        return root;
    }
}
