using System.Numerics;
using SpineKit.Detection.Codecs;

namespace SpineKit.Detection.Tests.Codecs;

public class VertebraCenterCodecTests
{
    private static readonly Vector2[] TwoVertebrae =
    [
        new(40, 30), new(80, 34), new(41, 55), new(81, 58),
        new(44, 70), new(86, 72), new(45, 96), new(86, 99),
    ];

    [Fact]
    public void PerfectOutputDecodesToTheEncodedCorners()
    {
        var codec = new VertebraCenterCodec(32, 40, 4);
        var targets = codec.Encode(TwoVertebrae);
        var output = PerfectOutput(codec, targets);

        var candidates = codec.Decode(output);

        Assert.Equal(2, candidates.Count);
        var ordered = candidates.OrderBy(c => c.Center.Y).ToArray();
        for (var v = 0; v < 2; v++)
        {
            for (var c = 0; c < 4; c++)
            {
                Assert.Equal(TwoVertebrae[(v * 4) + c].X, ordered[v].Corners[c].X, 3);
                Assert.Equal(TwoVertebrae[(v * 4) + c].Y, ordered[v].Corners[c].Y, 3);
            }
        }
    }

    [Fact]
    public void HeatPeaksAtTheCellHoldingEachCentre()
    {
        var codec = new VertebraCenterCodec(32, 40, 4);
        var targets = codec.Encode(TwoVertebrae);

        // First centre: mean (60.5, 44.25) px -> cells (14.625, 10.5625) -> peak cell (15, 11).
        Assert.Equal(1f, targets.Heat[(11 * 32) + 15]);
        Assert.Equal(2, targets.Heat.Count(h => h == 1f));
        Assert.True(targets.Heat[(11 * 32) + 17] is > 0f and < 1f);
        Assert.Equal(1f, targets.OffsetWeights[(11 * 32) + 15]);
        Assert.Equal(0.5f, targets.OffsetWeights[(10 * 32) + 15]);
        Assert.Equal(0f, targets.OffsetWeights[0]);

        // The offset to tl from the peak cell, in cells: (40/4 - 0.5) - 15 = -5.5, (30/4 - 0.5) - 11 = -4.
        var plane = 32 * 40;
        Assert.Equal(-5.5f, targets.Offsets[(11 * 32) + 15], 5);
        Assert.Equal(-4f, targets.Offsets[plane + (11 * 32) + 15], 5);
    }

    [Fact]
    public void VertebraeOutsideTheGridAreSkipped()
    {
        var codec = new VertebraCenterCodec(8, 8, 4);
        Vector2[] outside = [new(100, 100), new(110, 100), new(100, 110), new(110, 110)];

        var targets = codec.Encode(outside);

        Assert.All(targets.Heat, h => Assert.Equal(0f, h));
    }

    [Fact]
    public void ThresholdSuppressesFaintPeaksUnlessZero()
    {
        var codec = new VertebraCenterCodec(8, 8, 4) { PeakThreshold = 0.5f };
        var output = new float[9 * 64];
        Array.Fill(output, -10f, 0, 64);
        output[(3 * 8) + 3] = -1f;

        Assert.Empty(codec.Decode(output));
        var all = codec.Decode(output, 0f);
        Assert.Equal(1f / (1f + MathF.Exp(1f)), all[0].Score, 5);
        Assert.Equal(new Vector2(14, 14), all[0].Center);
    }

    [Fact]
    public void PlateauYieldsOnePeak()
    {
        var codec = new VertebraCenterCodec(8, 8, 4);
        var output = new float[9 * 64];
        Array.Fill(output, -10f, 0, 64);
        output[(3 * 8) + 3] = 2f;
        output[(3 * 8) + 4] = 2f;

        Assert.Single(codec.Decode(output));
    }

    [Fact]
    public void LevelChannelCarriesEachVertebrasIndexToItsPeak()
    {
        var codec = new VertebraCenterCodec(32, 40, 4, levelChannel: true);
        var targets = codec.Encode(TwoVertebrae);
        var output = PerfectOutput(codec, targets);

        var ordered = codec.Decode(output).OrderBy(c => c.Center.Y).ToArray();

        Assert.Equal(0f, ordered[0].Level, 5);
        Assert.Equal(1f, ordered[1].Level, 5);
        Assert.Equal(VertebraCenterCodec.LevelScale, targets.Levels[(targets.Heat.ToList().LastIndexOf(1f))], 5);
    }

    [Fact]
    public void WithoutALevelChannelCandidatesHaveNoLevel()
    {
        var codec = new VertebraCenterCodec(32, 40, 4);
        var output = PerfectOutput(codec, codec.Encode(TwoVertebrae));

        Assert.All(codec.Decode(output), c => Assert.True(float.IsNaN(c.Level)));
        Assert.Throws<ArgumentException>(() => new VertebraCenterCodec(32, 40, 4, levelChannel: true).Decode(output));
    }

    private static float[] PerfectOutput(VertebraCenterCodec codec, VertebraTargets targets)
    {
        var plane = codec.Width * codec.Height;
        var output = new float[codec.Channels * plane];
        if (codec.LevelChannel)
        {
            targets.Levels.CopyTo(output, 9 * plane);
        }

        for (var i = 0; i < plane; i++)
        {
            // Only the peaks are confident; the Gaussian skirts stay below the default threshold.
            output[i] = targets.Heat[i] == 1f ? 6f : -6f;
        }

        targets.Offsets.CopyTo(output, plane);
        return output;
    }
}
