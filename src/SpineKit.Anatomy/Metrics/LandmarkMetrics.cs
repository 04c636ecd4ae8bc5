namespace SpineKit.Anatomy.Metrics;

/// <summary>Corner errors between predicted and true landmark sets, corners matched by level and name (<see cref="CornerPair.Match"/>).</summary>
public static class LandmarkMetrics
{
    /// <summary>The PCK thresholds: 5%, 10%, ... 100% of the true vertebra's width.</summary>
    public static IReadOnlyList<double> PckFractions { get; } = Enumerable.Range(1, 20).Select(k => k / 20.0).ToArray();

    /// <summary>Mean radial error in pixels over every matched corner of every image; NaN when nothing matched.</summary>
    public static double MeanRadialError(IReadOnlyList<LandmarkSet> predicted, IReadOnlyList<LandmarkSet> truth) =>
        MeanOrNaN(Pairs(predicted, truth).Select(p => p.RadialError));

    /// <summary>Mean radial error in pixels on one image.</summary>
    public static double MeanRadialError(LandmarkSet predicted, LandmarkSet truth) => MeanRadialError([predicted], [truth]);

    /// <summary>
    /// Mean radial error in millimetres, using each true set's pixel spacing; null when any true set lacks one.
    /// </summary>
    public static double? MeanRadialErrorMillimetres(IReadOnlyList<LandmarkSet> predicted, IReadOnlyList<LandmarkSet> truth)
    {
        RequireSameCount(predicted, truth);
        if (truth.Any(t => t.Spacing is null))
        {
            return null;
        }

        var errors = new List<double>();
        for (var i = 0; i < truth.Count; i++)
        {
            var spacing = truth[i].Spacing!.Value;
            errors.AddRange(CornerPair.Match(predicted[i], truth[i]).Select(p => spacing.ToMillimetres(p.Predicted - p.Truth)));
        }

        return MeanOrNaN(errors);
    }

    /// <summary>
    /// Percentage (0 to 100) of matched corners whose radial error is at most <paramref name="fraction"/> times
    /// the true vertebra's width.
    /// </summary>
    public static double PercentageOfCorrectKeypoints(IReadOnlyList<LandmarkSet> predicted, IReadOnlyList<LandmarkSet> truth, double fraction)
    {
        var pairs = Pairs(predicted, truth);
        return pairs.Count == 0 ? double.NaN : 100.0 * pairs.Count(p => p.RadialError <= fraction * p.VertebraWidth) / pairs.Count;
    }

    /// <summary>
    /// How many levels the prediction's labels sit off the truth on one image: each detected vertebra (confidence
    /// above zero) is paired with the true vertebra whose centre is nearest, and the median of (true level - predicted
    /// level), counted in typical levels (<see cref="VertebraLevels.NextTypical"/> steps), is returned; 0 when the
    /// labels are right, +1 when every label is one level too high (a T2 called T1). Null when nothing can be paired.
    /// </summary>
    public static int? LevelOffset(LandmarkSet predicted, LandmarkSet truth)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(truth);
        if (truth.Vertebrae.Count == 0)
        {
            return null;
        }

        var offsets = predicted.Vertebrae
            .Where(v => v.Confidence > 0)
            .Select(v => (Predicted: v.Level, Truth: truth.Vertebrae.MinBy(t => (t.Center - v.Center).Length)!.Level))
            .Select(pair => LevelDistance(pair.Predicted, pair.Truth))
            .Where(d => d is not null)
            .Select(d => d!.Value)
            .Order()
            .ToList();
        return offsets.Count == 0 ? null : offsets[offsets.Count / 2];
    }

    /// <summary>Typical-level steps from <paramref name="from"/> down to <paramref name="to"/> (negative upwards); null when neither reaches the other.</summary>
    private static int? LevelDistance(VertebraLevel from, VertebraLevel to)
    {
        foreach (var (start, end, sign) in new[] { (from, to, 1), (to, from, -1) })
        {
            var steps = 0;
            for (VertebraLevel? level = start; level is not null; level = VertebraLevels.NextTypical(level.Value), steps++)
            {
                if (level == end)
                {
                    return sign * steps;
                }
            }
        }

        return null;
    }

    /// <summary>The PCK at each of <see cref="PckFractions"/>, the seed of a PCK curve.</summary>
    public static IReadOnlyList<PckPoint> PckCurve(IReadOnlyList<LandmarkSet> predicted, IReadOnlyList<LandmarkSet> truth)
    {
        var pairs = Pairs(predicted, truth);
        return PckFractions
            .Select(f => new PckPoint(f, pairs.Count == 0 ? double.NaN : 100.0 * pairs.Count(p => p.RadialError <= f * p.VertebraWidth) / pairs.Count))
            .ToArray();
    }

    /// <summary>
    /// Per-level medians of |x error| / vertebra width and |y error| / vertebra height, and the medians of those
    /// per-level values weighted by the number of corners per level. Corners of vertebrae with no height are left out of y.
    /// </summary>
    public static NormalizedErrorSummary NormalizedErrors(IReadOnlyList<LandmarkSet> predicted, IReadOnlyList<LandmarkSet> truth)
    {
        var rows = Pairs(predicted, truth)
            .Where(p => p.VertebraWidth > 0)
            .GroupBy(p => p.Level)
            .OrderBy(g => g.Key)
            .Select(g => new LevelNormalizedError(
                g.Key,
                g.Count(),
                Statistics.Median(g.Select(p => Math.Abs(p.Predicted.X - p.Truth.X) / p.VertebraWidth)),
                Statistics.Median(g.Where(p => p.VertebraHeight > 0).Select(p => Math.Abs(p.Predicted.Y - p.Truth.Y) / p.VertebraHeight))))
            .ToArray();
        return new NormalizedErrorSummary(
            rows,
            Statistics.WeightedMedian(rows.Select(r => (r.MedianX, (double)r.Count))),
            Statistics.WeightedMedian(rows.Where(r => !double.IsNaN(r.MedianY)).Select(r => (r.MedianY, (double)r.Count))));
    }

    private static List<CornerPair> Pairs(IReadOnlyList<LandmarkSet> predicted, IReadOnlyList<LandmarkSet> truth)
    {
        RequireSameCount(predicted, truth);
        var pairs = new List<CornerPair>();
        for (var i = 0; i < truth.Count; i++)
        {
            pairs.AddRange(CornerPair.Match(predicted[i], truth[i]));
        }

        return pairs;
    }

    private static double MeanOrNaN(IEnumerable<double> values)
    {
        var (sum, count) = (0.0, 0);
        foreach (var value in values)
        {
            (sum, count) = (sum + value, count + 1);
        }

        return count == 0 ? double.NaN : sum / count;
    }

    private static void RequireSameCount(IReadOnlyList<LandmarkSet> predicted, IReadOnlyList<LandmarkSet> truth)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(truth);
        if (predicted.Count != truth.Count)
        {
            throw new ArgumentException($"{predicted.Count} predicted landmark sets for {truth.Count} true ones.", nameof(predicted));
        }
    }
}
