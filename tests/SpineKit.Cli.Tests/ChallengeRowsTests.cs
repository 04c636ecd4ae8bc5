using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Anatomy.Labels;

namespace SpineKit.Cli.Tests;

public class ChallengeRowsTests
{
    [Fact]
    public void AWholeSpineWithAnOrdinaryNameIsARow() =>
        Assert.Null(ChallengeRows.WhyNot("film 1.jpg", Spine(17, lastHasLowerEndplate: true), 17));

    [Fact]
    public void APartialViewIsNotARow() =>
        Assert.Contains("partial view", ChallengeRows.WhyNot("film 1.jpg", Spine(16, lastHasLowerEndplate: true), 17));

    [Fact]
    public void AVertebraWithoutItsLowerEndplateIsNotARow() =>
        Assert.Contains("partial view", ChallengeRows.WhyNot("film 1.jpg", Spine(17, lastHasLowerEndplate: false), 17));

    [Fact]
    public void ANameWithALineBreakIsNotARow() =>
        Assert.Contains("line break", ChallengeRows.WhyNot("film\n1.jpg", Spine(17, lastHasLowerEndplate: true), 17));

    [Fact]
    public void ABatchKeepsItsWholeResultsAsRowsAndNamesThePartialOnesLeftOut()
    {
        var folder = Directory.CreateTempSubdirectory("spinekit-challenge-rows-");
        try
        {
            var leftOut = new List<(string Name, string Reason)>();

            var written = ChallengeRows.Write(folder.FullName, ["a.jpg", "b.jpg", "c.jpg"], [Spine(17, true), Spine(15, true), Spine(17, true)], 17, (name, reason) => leftOut.Add((name, reason)));

            Assert.Equal(2, written);
            Assert.Equal(["a.jpg", "c.jpg"], File.ReadAllLines(Path.Combine(folder.FullName, ChallengeDataset.FilenamesFile)));
            Assert.Equal(2, File.ReadAllLines(Path.Combine(folder.FullName, ChallengeDataset.LandmarksFile)).Length);
            var (name, reason) = Assert.Single(leftOut);
            Assert.Equal("b.jpg", name);
            Assert.Contains("partial view", reason);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static LandmarkSet Spine(int count, bool lastHasLowerEndplate)
    {
        var levels = VertebraLevels.Run(VertebraLevel.T1, count);
        var vertebrae = levels.Select((level, i) =>
        {
            var top = 100.0 + (60 * i);
            return i == count - 1 && !lastHasLowerEndplate
                ? Vertebra.UpperEndplateOnly(level, new Point2(400, top), new Point2(500, top))
                : new Vertebra(level, new Point2(400, top), new Point2(500, top), new Point2(400, top + 40), new Point2(500, top + 40));
        });
        return new LandmarkSet(new ImageSize(1000, 2000), vertebrae);
    }
}
