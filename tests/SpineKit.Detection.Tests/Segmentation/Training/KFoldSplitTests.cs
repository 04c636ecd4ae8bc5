using SpineKit.Detection.Segmentation.Training;


namespace SpineKit.Detection.Tests.Segmentation.Training;

public class KFoldSplitTests
{
    private static readonly string[] Names = Enumerable.Range(0, 23).Select(i => $"image-{i:00}.jpg").ToArray();

    [Fact]
    public void EveryNameGetsOneFoldAndFoldSizesDifferByAtMostOne()
    {
        var folds = KFoldSplit.Assign(Names, 5, seed: 3);

        Assert.Equal(Names.Length, folds.Count);
        var sizes = Enumerable.Range(0, 5).Select(f => folds.Values.Count(v => v == f)).ToArray();
        Assert.Equal([5, 5, 5, 4, 4], sizes);
    }

    [Fact]
    public void TheSameSeedGivesTheSameFoldsWhateverTheInputOrder()
    {
        var forward = KFoldSplit.Assign(Names, 5, seed: 3);
        var backward = KFoldSplit.Assign(Names.Reverse(), 5, seed: 3);
        var other = KFoldSplit.Assign(Names, 5, seed: 4);

        Assert.Equal(forward.OrderBy(p => p.Key), backward.OrderBy(p => p.Key));
        Assert.NotEqual(forward.OrderBy(p => p.Key), other.OrderBy(p => p.Key));
    }

    [Fact]
    public void NeedsAtLeastTwoFolds() => Assert.Throws<ArgumentOutOfRangeException>(() => KFoldSplit.Assign(Names, 1));
}
