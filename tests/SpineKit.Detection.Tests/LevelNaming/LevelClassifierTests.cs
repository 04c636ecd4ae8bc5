using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.LevelNaming;
using SpineKit.Detection.Refinement;
using SpineKit.Imaging;

namespace SpineKit.Detection.Tests.LevelNaming;

public sealed class LevelClassifierTests
{
    private static readonly LevelClassifierConfig Tiny = new(32, 5, [4, 4, 8, 8], 4);

    /// <summary>Log-probabilities with <paramref name="peak"/> of the mass on one class and the rest spread evenly.</summary>
    private static float[] Peaked(int index, double peak = 0.8)
    {
        var classes = LevelClassifierConfig.Classes.Count;
        return [.. Enumerable.Range(0, classes).Select(k => (float)Math.Log(k == index ? peak : (1 - peak) / (classes - 1)))];
    }

    [Fact]
    public void TheChainTakesTheShiftItsVertebraeSupportAsAWhole()
    {
        // Five vertebrae named T1..T5 (classes 1..5) that look like T3..T7, one of them wrongly (it looks like L2):
        // the chain moves by two levels as a whole, the odd vote is outweighed.
        var current = new[] { 1, 2, 3, 4, 5 };
        var evidence = new[] { Peaked(3), Peaked(4), Peaked(15), Peaked(6), Peaked(7) };

        var best = LevelClassifier.ScoreShifts(evidence, current).OrderByDescending(s => s.Score).First();

        Assert.Equal(2, best.Shift);
    }

    [Fact]
    public void ASacrumSeenBelowTheLastBodyMakesItL5NotL4()
    {
        // Three lumbar bodies named L2..L4 whose lowest one looks like L5 and a fourth "vertebra" below it like S1.
        var current = new[] { 14, 15, 16, 17 };
        var evidence = new[] { Peaked(15, 0.3), Peaked(16, 0.3), Peaked(17), Peaked(18) };

        var best = LevelClassifier.ScoreShifts(evidence, current).OrderByDescending(s => s.Score).First();

        Assert.Equal(1, best.Shift);
    }

    [Fact]
    public void ShiftingRenamesEveryVertebraAndLeavesOutThoseBeyondT1AndL5()
    {
        var landmarks = SyntheticChain(VertebraLevel.T1, 3);

        var up = LevelClassifier.Shift(landmarks, -1);
        var down = LevelClassifier.Shift(SyntheticChain(VertebraLevel.L3, 3), 1);

        // T1 became C7 and is not reported; T2 and T3 are T1 and T2 with their own corners.
        Assert.Equal([VertebraLevel.T1, VertebraLevel.T2], up.Vertebrae.Select(v => v.Level));
        Assert.Equal(landmarks.Vertebrae[1].CornerArray(), up.Vertebrae[0].CornerArray());
        Assert.Equal([VertebraLevel.L4, VertebraLevel.L5], down.Vertebrae.Select(v => v.Level));
    }

    [Fact]
    public void WithoutEvidenceTheNamesStayAsTheyAre()
    {
        // A network whose last layer is zero gives every class the same probability: every shift that keeps the
        // vertebrae inside C7..S1 scores alike, so nothing moves and the names are in doubt.
        var network = new LevelClassifierNet(Tiny, new Random(1));
        foreach (var (_, tensor) in network.NamedParameters().Where(p => p.Name.StartsWith("out.", StringComparison.Ordinal)))
        {
            Array.Clear(tensor.Data);
        }

        network.Eval();
        var classifier = new LevelClassifier(LevelClassifierModel.FromNetwork(network));
        var landmarks = SyntheticChain(VertebraLevel.T4, 5);

        var named = classifier.Name(new Image<float>(300, 900), landmarks);

        Assert.Equal(0, named.Shift);
        Assert.True(named.InDoubt);
        Assert.Same(landmarks, named.Landmarks);

        // Each level's own confidence is then the uniform probability over C7, T1..L5, S1.
        Assert.Equal(landmarks.Vertebrae.Select(v => v.Level), named.LevelConfidence.Keys.Order());
        Assert.All(named.LevelConfidence.Values, p => Assert.Equal(1.0 / 19, p, 5));
    }

    [Fact]
    public void OneVertebraIsNotEnoughToRenameAnything()
    {
        var classifier = new LevelClassifier(LevelClassifierModel.FromNetwork(new LevelClassifierNet(Tiny, new Random(2))));
        var landmarks = SyntheticChain(VertebraLevel.T8, 1);

        var named = classifier.Name(new Image<float>(300, 900), landmarks);

        Assert.Same(landmarks, named.Landmarks);
        Assert.False(named.InDoubt);
        Assert.Empty(named.LevelConfidence);
    }

    [Fact]
    public void TrainingPlacesC7AndS1OneStepBeyondTheEndsWhenTheyLieOnTheFilm()
    {
        var chain = SyntheticChain(VertebraLevel.T1, 17, top: 100);

        var examples = LevelClassifierTrainer.Examples(chain).ToList();
        var cut = LevelClassifierTrainer.Examples(SyntheticChain(VertebraLevel.T1, 17, top: 10)).ToList();

        Assert.Equal(19, examples.Count);
        var c7 = examples.Single(e => e.Class == 0).Corners;
        var t1 = chain.Find(VertebraLevel.T1)!.CornerArray();
        var t2 = chain.Find(VertebraLevel.T2)!.CornerArray();
        Assert.Equal(t1[0].Y - (t2[0].Y - t1[0].Y), c7[0].Y, 6);
        Assert.Equal(t1[0].X - (t2[0].X - t1[0].X), c7[0].X, 6);
        Assert.Contains(examples, e => e.Class == 18);

        // With T1 10 px below the film's top edge, C7's centre would lie above the film: no C7 example.
        Assert.DoesNotContain(cut, e => e.Class == 0);
    }

    [Fact]
    public void TheDesignSurvivesTheModelFileAndForeignFilesAreRefused()
    {
        var config = LevelClassifierConfig.FromMetadata(Tiny.ToMetadata());

        Assert.Equal(Tiny, config);
        Assert.Contains("refiner", Assert.Throws<FormatException>(() => LevelClassifierConfig.FromMetadata(CornerRefinerConfig.Default.ToMetadata())).Message, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A straight chain of <paramref name="count"/> 40x30 bodies from <paramref name="first"/> down, 45 px apart, slightly tilted.</summary>
    private static LandmarkSet SyntheticChain(VertebraLevel first, int count, double top = 100) =>
        new(new ImageSize(300, 900), VertebraLevels.Run(first, count).Select((level, i) =>
        {
            var y = top + (45 * i);
            var x = 120 + (2 * i);
            return Vertebra.FromCorners(level, [new Point2(x, y), new Point2(x + 40, y + 2), new Point2(x, y + 30), new Point2(x + 40, y + 32)], 0.9);
        }), null, "chain");
}
