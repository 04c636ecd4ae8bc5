namespace SpineKit.Anatomy.Metrics;

/// <summary>The median corner errors of one level, normalised by the true vertebra's width (x) and height (y).</summary>
/// <param name="Level">The level.</param>
/// <param name="Count">How many corners were compared (N).</param>
/// <param name="MedianX">Median of |x error| / vertebra width.</param>
/// <param name="MedianY">Median of |y error| / vertebra height.</param>
public sealed record LevelNormalizedError(VertebraLevel Level, int Count, double MedianX, double MedianY);

/// <summary>Normalised errors per level and their N-weighted global medians.</summary>
/// <param name="PerLevel">One row per level, top to bottom.</param>
/// <param name="GlobalX">The median of the per-level x medians, each weighted by its N.</param>
/// <param name="GlobalY">The median of the per-level y medians, each weighted by its N.</param>
public sealed record NormalizedErrorSummary(IReadOnlyList<LevelNormalizedError> PerLevel, double GlobalX, double GlobalY);
