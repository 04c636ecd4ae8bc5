using SpineKit.Detection.Codecs;
using SpineKit.Detection.PostProcessing;

namespace SpineKit.Detection.Tests.PostProcessing;

public class FieldOfViewChainTests
{
    // Bodies 8 px tall every 20 px (a whole spine at the network input) or, with a larger half height, a lumbar film's.
    private static VertebraCandidate At(float y, float score, float level, float halfHeight = 4) =>
        new(score, [new(40, y - halfHeight), new(60, y - halfHeight), new(40, y + halfHeight), new(60, y + halfHeight)]) { Level = level };

    [Fact]
    public void ALumbarFilmIsLabelledByItsLevelEstimatesAndTheLevelsPastItsTopAreLeftOut()
    {
        // Six bodies 60 px tall filling a 512 px tall input, whose estimates say T12 (11) to L5 (16).
        var candidates = Enumerable.Range(0, 6).Select(i => At(60 + (80 * i), 0.9f, 11 + i + (i % 2 == 0 ? 0.2f : -0.2f), 30)).ToArray();

        var chain = SpineChainSelector.Select(candidates, 17, 512, prior: ChainPrior.FieldOfView, inputWidth: 256);

        var present = Enumerable.Range(0, 17).Where(k => !chain[k].IsAbsent).ToArray();
        Assert.Equal([11, 12, 13, 14, 15, 16], present);
        Assert.All(present, k => Assert.False(chain[k].IsInferred));
        Assert.Equal(60f, chain[11].Candidate.Center.Y);
        Assert.False(chain.LabelsInDoubt);
    }

    [Fact]
    public void TheChallengePriorInventsTheLevelsAFieldOfViewModelLeavesOut()
    {
        var candidates = Enumerable.Range(0, 6).Select(i => At(60 + (80 * i), 0.9f, 11 + i, 30)).ToArray();

        var chain = SpineChainSelector.Select(candidates, 17, 512);

        // The challenge framing assumes T1..L5 are all there: nothing is absent, eleven levels are made up.
        Assert.DoesNotContain(chain, c => c.IsAbsent);
        Assert.Equal(11, chain.Count(c => c.IsInferred));
    }

    [Fact]
    public void AVisibleC7IsNotReportedAsT1()
    {
        // 18 bodies: the top one is C7 (estimate -1), the rest T1..L5; the 17-level chain takes 17 of them.
        var candidates = Enumerable.Range(0, 18).Select(i => At(20 + (20 * i), 0.9f, i - 1)).ToArray();

        var chain = SpineChainSelector.Select(candidates, 17, 400, prior: ChainPrior.FieldOfView, inputWidth: 100);

        // Whichever 17 the programme took, T1 is the body estimated as level 0 (the second from the top).
        Assert.False(chain[0].IsAbsent);
        Assert.Equal(40f, chain[0].Candidate.Center.Y);
    }

    [Fact]
    public void EstimatesThatDisagreeMarkTheLabelsAsInDoubt()
    {
        // Half the bodies say one labelling, half another two levels away: no labelling can be trusted.
        var candidates = Enumerable.Range(0, 8).Select(i => At(20 + (20 * i), 0.9f, i + (i % 2 == 0 ? 0 : 3))).ToArray();

        var chain = SpineChainSelector.Select(candidates, 17, 400, prior: ChainPrior.FieldOfView, inputWidth: 100);

        Assert.True(chain.LabelsInDoubt);
    }
}
