using System.Numerics;
using SpineKit.Detection.Codecs;
using SpineKit.Detection.PostProcessing;

namespace SpineKit.Detection.Tests.PostProcessing;

public class SpineChainSelectorTests
{
    private static VertebraCandidate At(float y, float score, float x = 50) =>
        new(score, [new(x - 10, y - 4), new(x + 10, y - 4), new(x - 10, y + 4), new(x + 10, y + 4)]);

    [Fact]
    public void ExtraVertebraeAtTheEndsAreDroppedByScore()
    {
        // 5 strong vertebrae in the middle, a weak one above (cervical) and below (sacrum).
        var candidates = new[] { At(10, 0.2f), At(30, 0.9f), At(50, 0.9f), At(70, 0.9f), At(90, 0.9f), At(110, 0.9f), At(130, 0.3f) };

        var chain = SpineChainSelector.Select(candidates, 5, 200);

        Assert.Equal([30f, 50f, 70f, 90f, 110f], chain.Select(c => c.Candidate.Centre.Y));
        Assert.All(chain, c => Assert.False(c.IsInferred));
    }

    [Fact]
    public void AMissedVertebraBetweenTwoIsInterpolated()
    {
        var candidates = new[] { At(30, 0.9f), At(50, 0.9f), At(90, 0.9f), At(110, 0.9f) };

        var chain = SpineChainSelector.Select(candidates, 5, 200);

        Assert.Equal([30f, 50f, 70f, 90f, 110f], chain.Select(c => c.Candidate.Centre.Y));
        Assert.True(chain[2].IsInferred);
        Assert.Equal(0f, chain[2].Candidate.Score);
    }

    [Fact]
    public void AMissingEndIsExtendedOnTheSideWithRoom()
    {
        var candidates = new[] { At(30, 0.9f), At(50, 0.9f), At(70, 0.9f), At(90, 0.9f) };

        var chain = SpineChainSelector.Select(candidates, 5, 200);

        Assert.Equal(110f, chain[^1].Candidate.Centre.Y, 3);
        Assert.True(chain[^1].IsInferred);
    }

    [Fact]
    public void DuplicatePeaksOnOneVertebraCountOnce()
    {
        var candidates = new[] { At(30, 0.9f), At(31, 0.5f), At(50, 0.9f), At(70, 0.9f) };

        var chain = SpineChainSelector.Select(candidates, 3, 200);

        Assert.Equal([30f, 50f, 70f], chain.Select(c => c.Candidate.Centre.Y));
    }

    [Fact]
    public void NoCandidateAtAllIsAClearError()
    {
        var error = Assert.Throws<InvalidDataException>(() => SpineChainSelector.Select([], 17, 512));
        Assert.Contains("No vertebra", error.Message);
    }
}
