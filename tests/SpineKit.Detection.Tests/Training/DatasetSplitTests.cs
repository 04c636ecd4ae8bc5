using SpineKit.Detection.Training;

namespace SpineKit.Detection.Tests.Training;

public class DatasetSplitTests
{
    private static readonly string[] Names = Enumerable.Range(0, 481).Select(i => $"image-{i:000}.jpg").ToArray();

    [Fact]
    public void SplitIsTheRequestedShareAndIndependentOfInputOrder()
    {
        var validation = DatasetSplit.ValidationNames(Names);
        var shuffled = DatasetSplit.ValidationNames(Names.Reverse());

        Assert.Equal(96, validation.Count);
        Assert.True(validation.SetEquals(shuffled));
        Assert.All(validation, name => Assert.Contains(name, Names));
    }

    [Fact]
    public void DifferentSeedsGiveDifferentSplits()
    {
        var first = DatasetSplit.ValidationNames(Names, seed: 1);
        var second = DatasetSplit.ValidationNames(Names, seed: 2);

        Assert.False(first.SetEquals(second));
    }

    [Fact]
    public void ValidationIsSpreadOverTheList()
    {
        // A shuffle, not a slice: both halves of the sorted list contribute.
        var validation = DatasetSplit.ValidationNames(Names);

        Assert.InRange(validation.Count(n => string.CompareOrdinal(n, "image-240.jpg") < 0), 30, 66);
    }
}
