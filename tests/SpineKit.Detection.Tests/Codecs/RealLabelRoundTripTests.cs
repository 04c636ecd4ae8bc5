using SpineKit.Anatomy;
using SpineKit.Anatomy.Metrics;
using SpineKit.Detection.Codecs;
using SpineKit.Detection.Networks;
using SpineKit.Detection.PostProcessing;
using SpineKit.Detection.Preprocessing;
using SpineKit.Detection.Training;
using SpineKit.TestSupport;

namespace SpineKit.Detection.Tests.Codecs;

[Trait("Category", SharedData.Category)]
public class RealLabelRoundTripTests
{
    /// <summary>
    /// The whole target path on the real labels: original pixels -> input pixels -> grid targets -> a
    /// "perfect" network output -> decoded peaks -> one chain of 17 -> original pixels must give back the
    /// labels. Any error in scaling, offsets, peak decoding or chain selection shows up here.
    /// </summary>
    [Fact]
    public void PerfectOutputsDecodeBackToTheAasceLabels()
    {
        var config = VertebraNetConfig.Default;
        var examples = TrainingSetLoader.Load(SharedData.PathOf("datasets/aasce-train"), config.InputWidth, config.InputHeight);
        var codec = new VertebraCenterCodec(config.OutputWidth, config.OutputHeight, VertebraNetConfig.OutputStride);
        var errors = new List<double>();
        foreach (var example in examples.Where(e => e.Truth.Vertebrae.Count == 17))
        {
            var targets = codec.Encode(example.Corners);
            var plane = codec.Width * codec.Height;
            var output = new float[9 * plane];
            for (var i = 0; i < plane; i++)
            {
                output[i] = targets.Heat[i] == 1f ? 6f : -6f;
            }

            targets.Offsets.CopyTo(output, plane);
            var chain = SpineChainSelector.Select(codec.Decode(output), 17, config.InputHeight);
            var frame = new InputFrame(example.Truth.Size.Width, example.Truth.Size.Height, config.InputWidth, config.InputHeight);
            var levels = VertebraLevels.ChallengeLevels;
            var decoded = new LandmarkSet(example.Truth.Size, chain.Select((c, i) => Vertebra.FromCorners(levels[i], c.Candidate.Corners.Select(frame.ToOriginal).ToArray())));
            errors.Add(LandmarkMetrics.MeanRadialError(decoded, example.Truth));
        }

        Assert.True(errors.Count > 400, $"only {errors.Count} images have 17 vertebrae");
        var bad = errors.Count(e => e > 0.5);
        // A few labels put two vertebrae on top of each other (the sanitiser flags them); those cannot round-trip.
        Assert.True(bad <= errors.Count / 40, $"worst round-trip error {errors.Max():0.000} px; {bad} of {errors.Count} over 0.5 px; median {errors.Order().ElementAt(errors.Count / 2):0.000}");
    }
}
