namespace SpineKit.Anatomy.Metrics;

/// <summary>Small order statistics the metrics share.</summary>
public static class Statistics
{
    /// <summary>The median (mean of the two middle values for an even count); NaN for no values.</summary>
    public static double Median(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>
    /// The weighted median: the smallest value whose cumulative weight reaches half the total; when the
    /// cumulative weight lands exactly on half, the mean of that value and the next. NaN for no positive weight.
    /// </summary>
    public static double WeightedMedian(IEnumerable<(double Value, double Weight)> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var sorted = items.Where(i => i.Weight > 0).OrderBy(i => i.Value).ToArray();
        var total = sorted.Sum(i => i.Weight);
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var cumulative = 0.0;
        for (var k = 0; k < sorted.Length; k++)
        {
            cumulative += sorted[k].Weight;
            if (cumulative * 2 == total && k + 1 < sorted.Length)
            {
                return (sorted[k].Value + sorted[k + 1].Value) / 2;
            }

            if (cumulative * 2 >= total)
            {
                return sorted[k].Value;
            }
        }

        return sorted[^1].Value;
    }

    /// <summary>
    /// Spearman's rank correlation of paired values (Pearson's correlation of their ranks, ties sharing their mean
    /// rank): 1 when <paramref name="y"/> rises wherever <paramref name="x"/> does. NaN for fewer than three pairs or
    /// when either side is constant.
    /// </summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException("Spearman's correlation needs as many values on each side.", nameof(y));
        }

        if (x.Count < 3)
        {
            return double.NaN;
        }

        var rx = Ranks(x);
        var ry = Ranks(y);
        var mx = rx.Average();
        var my = ry.Average();
        double covariance = 0, vx = 0, vy = 0;
        for (var i = 0; i < rx.Length; i++)
        {
            covariance += (rx[i] - mx) * (ry[i] - my);
            vx += (rx[i] - mx) * (rx[i] - mx);
            vy += (ry[i] - my) * (ry[i] - my);
        }

        return vx == 0 || vy == 0 ? double.NaN : covariance / Math.Sqrt(vx * vy);
    }

    /// <summary>Ranks from 0, ties given the mean of the ranks they span.</summary>
    private static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }

            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = (start + end) / 2.0;
            }

            start = end + 1;
        }

        return ranks;
    }
}
