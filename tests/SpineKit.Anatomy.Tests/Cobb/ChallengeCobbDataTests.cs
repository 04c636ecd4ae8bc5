using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Labels;
using SpineKit.Anatomy.Tests.Support;
using SpineKit.TestSupport;
using Xunit.Abstractions;

namespace SpineKit.Anatomy.Tests.Cobb;

[Trait("Category", SharedData.Category)]
public class ChallengeCobbDataTests(ITestOutputHelper output)
{
    [Fact]
    public void ReproducesEveryAngleOfTheTrainingSetWithinTwoHundredthsOfADegree()
    {
        var dataset = ChallengeDataset.Load(SharedData.PathOf("datasets/aasce-train"));
        Assert.Equal(481, dataset.Entries.Count);
        Assert.True(dataset.HasAngles);

        var maxDeviation = 0.0;
        var worst = string.Empty;
        var cases = new Dictionary<ChallengeCobbCase, int>();
        foreach (var entry in dataset.Entries)
        {
            var size = JpegHeaderSize.Read(dataset.ImagePath(entry)!);
            var result = ChallengeCobb.Compute(entry.ToLandmarkSet(size));
            cases[result.Case] = cases.GetValueOrDefault(result.Case) + 1;
            var expected = entry.Angles!.Value;
            for (var column = 0; column < AngleTriple.Count; column++)
            {
                var deviation = Math.Abs(result.Angles[column] - expected[column]);
                if (!(deviation <= maxDeviation))
                {
                    maxDeviation = deviation;
                    worst = $"{entry.FileName} column {column + 1}: computed {result.Angles[column]:R}, expected {expected[column]:R} ({result.Case})";
                }
            }
        }

        output.WriteLine($"max deviation {maxDeviation:F5} degrees; worst {worst}");
        output.WriteLine(string.Join(", ", cases.Select(c => $"{c.Key}={c.Value}")));
        Assert.True(maxDeviation <= 0.02, $"max deviation {maxDeviation} degrees at {worst}");
    }
}
