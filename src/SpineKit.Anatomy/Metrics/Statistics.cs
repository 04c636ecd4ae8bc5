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
}
