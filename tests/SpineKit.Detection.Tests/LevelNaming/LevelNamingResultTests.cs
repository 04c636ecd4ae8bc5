using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.LevelNaming;

namespace SpineKit.Detection.Tests.LevelNaming;

public class LevelNamingResultTests
{
    private static Vertebra Body(double top, VertebraLevel level, float confidence = 0.8f) =>
        Vertebra.FromCorners(level, [new Point2(300, top), new Point2(380, top), new Point2(300, top + 40), new Point2(380, top + 40)], confidence);

    // The doubt of a chain under the naming's own evidence for it, as the detector asks it.
    private static bool EndsInDoubt(LevelNamingResult result, LandmarkSet chain) => LevelNamingResult.EndsInDoubt(chain, result.ConfidenceOf(chain));

    private static LandmarkSet Chain(params Vertebra[] vertebrae) => new(new ImageSize(800, 1600), vertebrae, null, "hand-made");

    // Log-probabilities over C7, T1..L5, S1 with probability p on class k and the rest spread evenly.
    private static float[] Evidence(int k, double p)
    {
        var classes = LevelClassifierConfig.Classes.Count;
        return [.. Enumerable.Range(0, classes).Select(i => (float)Math.Log(i == k ? p : (1 - p) / (classes - 1)))];
    }

    [Fact]
    public void Each_name_of_another_chain_gets_the_probability_of_the_body_nearest_to_it()
    {
        // The classifier saw two bodies: the upper one 0.9 T1 (class 1), the lower 0.7 T2 (class 2).
        var result = new LevelNamingResult(Chain(), 0, 10, 1)
        {
            Evidence = [(Body(100, VertebraLevel.T1), Evidence(1, 0.9)), (Body(170, VertebraLevel.T2), Evidence(2, 0.7))],
        };

        // The corner chain calls the same two bodies T2 and T3 (a slip of one level).
        var confidence = result.ConfidenceOf(Chain(Body(103, VertebraLevel.T2), Body(172, VertebraLevel.T3)));

        // T2 sits on the body the classifier thought T1 (0.9), so its probability of T2 is the spread share.
        Assert.Equal(0.1 / 18, confidence[VertebraLevel.T2], 6);
        Assert.Equal(0.3 / 18, confidence[VertebraLevel.T3], 6);
    }

    [Fact]
    public void Bodies_far_from_every_classified_one_and_inferred_bodies_get_no_figure()
    {
        var result = new LevelNamingResult(Chain(), 0, 10, 1) { Evidence = [(Body(100, VertebraLevel.T1), Evidence(1, 0.9))] };

        // 60 px away with a 40 px body: beyond 0.6 of its height; the inferred T1 (confidence 0) matches but is skipped.
        var confidence = result.ConfidenceOf(Chain(Body(100, VertebraLevel.T1, confidence: 0), Body(160, VertebraLevel.T2)));

        Assert.Empty(confidence);
    }

    [Fact]
    public void A_chain_is_in_doubt_when_an_end_vertebras_own_crop_does_not_support_its_name()
    {
        // Three bodies classified T1 (0.9), T2 (0.8) and T3 (p): the ends are T1 and T3.
        LevelNamingResult Result(double p) => new(Chain(), 0, 10, 1)
        {
            Evidence = [(Body(100, VertebraLevel.T1), Evidence(1, 0.9)), (Body(170, VertebraLevel.T2), Evidence(2, 0.8)), (Body(240, VertebraLevel.T3), Evidence(3, p))],
        };
        var chain = Chain(Body(100, VertebraLevel.T1), Body(170, VertebraLevel.T2), Body(240, VertebraLevel.T3));

        Assert.False(EndsInDoubt(Result(0.5), chain));
        // Either side of the threshold (the evidence is stored as float logarithms, so not at it exactly).
        Assert.False(EndsInDoubt(Result(LevelNamingResult.EndDoubtProbability + 0.001), chain));
        Assert.True(EndsInDoubt(Result(LevelNamingResult.EndDoubtProbability - 0.001), chain));

        // A weak middle vertebra does not count; an end the chain inferred (confidence 0, no crop of its own) does.
        var weakMiddle = new LevelNamingResult(Chain(), 0, 10, 1)
        {
            Evidence = [(Body(100, VertebraLevel.T1), Evidence(1, 0.9)), (Body(170, VertebraLevel.T2), Evidence(2, 0.05)), (Body(240, VertebraLevel.T3), Evidence(3, 0.9))],
        };
        Assert.False(EndsInDoubt(weakMiddle, chain));
        Assert.True(EndsInDoubt(weakMiddle, Chain(Body(100, VertebraLevel.T1, confidence: 0), Body(170, VertebraLevel.T2), Body(240, VertebraLevel.T3))));
        Assert.False(EndsInDoubt(weakMiddle, Chain()));

        // An end the corner model saw but no classified crop lies near (70 px below the last one) has no support either,
        // and nor has any end when nothing was classified.
        Assert.True(EndsInDoubt(weakMiddle, Chain(Body(100, VertebraLevel.T1), Body(170, VertebraLevel.T2), Body(240, VertebraLevel.T3), Body(310, VertebraLevel.T4))));
        Assert.True(EndsInDoubt(new LevelNamingResult(Chain(), 0, 10, 1), chain));
    }
}
