using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Labels;
using SpineKit.Anatomy.Metrics;
using SpineKit.Anatomy.Tests.Support;
using SpineKit.TestSupport;
using Xunit.Abstractions;

namespace SpineKit.Anatomy.Tests.Clinical;

[Trait("Category", SharedData.Category)]
public class ClinicalCurvesDataTests(ITestOutputHelper output)
{
    [Fact]
    public void MajorCurveAgreesWithTheOrganisersLargestAngle()
    {
        // Both measure the largest coronal deformity, the organisers on body tilts over the raw order, the report
        // on endplates of the sanitised spine, so they differ by endplate wedging and label errors only.
        var dataset = ChallengeDataset.Load(SharedData.PathOf("datasets/aasce-train"));
        var differences = new List<double>();
        foreach (var entry in dataset.Entries)
        {
            var result = CobbAnalysis.Analyze(entry.ToLandmarkSet(JpegHeaderSize.Read(dataset.ImagePath(entry)!)));
            var major = result.Clinical.Major?.CobbAngle ?? 0;
            differences.Add(Math.Abs(major - entry.Angles!.Value.First));
        }

        var median = Statistics.Median(differences);
        var within5 = differences.Count(d => d <= 5) / (double)differences.Count;
        output.WriteLine($"|major clinical Cobb - angles.csv column 1|: median {median:F2} deg, mean {differences.Average():F2}, within 5 deg {within5:P1}");
        Assert.True(median < 3, $"median difference {median}");
        Assert.True(within5 > 0.8, $"only {within5:P1} within 5 degrees");
    }
}
