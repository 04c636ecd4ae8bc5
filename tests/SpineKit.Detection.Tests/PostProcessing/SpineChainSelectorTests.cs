using System.Numerics;
using SpineKit.Detection;
using SpineKit.Detection.Codecs;
using SpineKit.Detection.PostProcessing;

namespace SpineKit.Detection.Tests.PostProcessing;

public class SpineChainSelectorTests
{
    private static VertebraCandidate At(float y, float score, float x = 50, float level = float.NaN) =>
        new(score, [new(x - 10, y - 4), new(x + 10, y - 4), new(x - 10, y + 4), new(x + 10, y + 4)]) { Level = level };

    [Fact]
    public void ExtraVertebraeAtTheEndsAreDroppedByScore()
    {
        // 5 strong vertebrae in the middle, a weak one above (cervical) and below (sacrum).
        var candidates = new[] { At(10, 0.2f), At(30, 0.9f), At(50, 0.9f), At(70, 0.9f), At(90, 0.9f), At(110, 0.9f), At(130, 0.3f) };

        var chain = SpineChainSelector.Select(candidates, 5, 200);

        Assert.Equal([30f, 50f, 70f, 90f, 110f], chain.Select(c => c.Candidate.Center.Y));
        Assert.All(chain, c => Assert.False(c.IsInferred));
    }

    [Fact]
    public void AMissedVertebraBetweenTwoIsInterpolated()
    {
        var candidates = new[] { At(30, 0.9f), At(50, 0.9f), At(90, 0.9f), At(110, 0.9f) };

        var chain = SpineChainSelector.Select(candidates, 5, 200);

        Assert.Equal([30f, 50f, 70f, 90f, 110f], chain.Select(c => c.Candidate.Center.Y));
        Assert.True(chain[2].IsInferred);
        Assert.Equal(0f, chain[2].Candidate.Score);
    }

    [Fact]
    public void AMissingEndIsExtendedOnTheSideWithRoom()
    {
        var candidates = new[] { At(30, 0.9f), At(50, 0.9f), At(70, 0.9f), At(90, 0.9f) };

        var chain = SpineChainSelector.Select(candidates, 5, 200);

        Assert.Equal(110f, chain[^1].Candidate.Center.Y, 3);
        Assert.True(chain[^1].IsInferred);
    }

    [Fact]
    public void DuplicatePeaksOnOneVertebraCountOnce()
    {
        var candidates = new[] { At(30, 0.9f), At(31, 0.5f), At(50, 0.9f), At(70, 0.9f) };

        var chain = SpineChainSelector.Select(candidates, 3, 200);

        Assert.Equal([30f, 50f, 70f], chain.Select(c => c.Candidate.Center.Y));
    }

    [Fact]
    public void AStrongPeakBesideTheSpineIsNotTakenAsAVertebra()
    {
        // Seven vertebrae down the middle, one missed (y 90) and a confident false peak off to the side there.
        var candidates = new[] { At(30, 0.9f), At(50, 0.9f), At(70, 0.9f), At(92, 0.95f, x: 130), At(110, 0.9f), At(130, 0.9f), At(150, 0.9f) };

        var chain = SpineChainSelector.Select(candidates, 7, 200);

        Assert.Equal([30f, 50f, 70f, 90f, 110f, 130f, 150f], chain.Select(c => MathF.Round(c.Candidate.Center.Y)));
        Assert.All(chain, c => Assert.Equal(50f, c.Candidate.Center.X, 3));
        Assert.True(chain[3].IsInferred);
    }

    [Fact]
    public void AnAnchorShiftsEveryLevelAroundIt()
    {
        var candidates = Enumerable.Range(0, 6).Select(i => At(30 + (20 * i), 0.9f)).ToArray();

        // Automatically the top five are taken; the user says the vertebra at y 50 is the first level.
        var automatic = SpineChainSelector.Select(candidates, 5, 200);
        var anchored = SpineChainSelector.Select(candidates, 5, 200, [new ChainAnchor(0, 0, new Vector2(41, 47))]);

        Assert.Equal(30f, automatic[0].Candidate.Center.Y);
        Assert.Equal([50f, 70f, 90f, 110f, 130f], anchored.Select(c => MathF.Round(c.Candidate.Center.Y)));

        // The corrected corner is exact; the same vertebra's other corners are not dragged along.
        Assert.Equal(new Vector2(41, 47), anchored[0].Candidate.Corners[0]);
        Assert.Equal(new Vector2(60, 46), anchored[0].Candidate.Corners[1]);
    }

    [Fact]
    public void AnAnchorWhereNothingWasDetectedPlacesACopyOfTheNearestBox()
    {
        var candidates = new[] { At(30, 0.9f), At(50, 0.9f), At(90, 0.9f), At(110, 0.9f) };

        var chain = SpineChainSelector.Select(candidates, 5, 200, [new ChainAnchor(2, 3, new Vector2(62, 75))]);

        Assert.Equal([30f, 50f, 71f, 90f, 110f], chain.Select(c => MathF.Round(c.Candidate.Center.Y)));
        Assert.False(chain[2].IsInferred);
        Assert.Equal(new Vector2(42, 67), chain[2].Candidate.Corners[0]);
    }

    [Fact]
    public void AnchorsOnLevelsOutsideTheChainAreRejected()
    {
        Assert.Throws<ArgumentException>(() => SpineChainSelector.Select([At(30, 0.9f)], 5, 200, [new ChainAnchor(5, 0, Vector2.Zero)]));
    }

    [Fact]
    public void NoCandidateAtAllIsAClearError()
    {
        var error = Assert.Throws<NoSpineFoundException>(() => SpineChainSelector.Select([], 17, 512));
        Assert.Contains("No vertebra", error.Message);
    }
}
