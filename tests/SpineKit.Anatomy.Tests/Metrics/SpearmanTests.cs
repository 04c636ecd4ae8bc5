using SpineKit.Anatomy.Metrics;

namespace SpineKit.Anatomy.Tests.Metrics;

public class SpearmanTests
{
    [Fact]
    public void Matches_the_textbook_example()
    {
        // IQ against hours of television per week: the worked example of Spearman's coefficient, rho = -29/165.
        double[] iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
        double[] hours = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];

        Assert.Equal(-29.0 / 165, Statistics.Spearman(iq, hours), 12);
    }

    [Fact]
    public void Ties_share_their_mean_rank()
    {
        // Ranks of y with the tie: 0, 1.5, 1.5, 3; Pearson of (0, 1, 2, 3) with them is 0.9486832980505138 (sqrt(0.9)).
        Assert.Equal(Math.Sqrt(0.9), Statistics.Spearman([1, 2, 3, 4], [10, 20, 20, 30]), 12);
    }

    [Fact]
    public void Is_one_for_any_rising_relation_and_minus_one_for_a_falling_one()
    {
        double[] x = [0.1, 3, 7, 50, 51];
        Assert.Equal(1, Statistics.Spearman(x, x.Select(v => Math.Exp(v / 10)).ToList()), 12);
        Assert.Equal(-1, Statistics.Spearman(x, x.Select(v => -v * v).ToList()), 12);
    }

    [Fact]
    public void Is_undefined_for_constant_or_too_few_values_and_refuses_unequal_lengths()
    {
        Assert.True(double.IsNaN(Statistics.Spearman([1, 2, 3], [5, 5, 5])));
        Assert.True(double.IsNaN(Statistics.Spearman([1, 2], [1, 2])));
        Assert.Throws<ArgumentException>(() => Statistics.Spearman([1, 2, 3], [1, 2]));
    }
}
