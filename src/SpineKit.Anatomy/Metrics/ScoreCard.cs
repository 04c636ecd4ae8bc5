using SpineKit.Anatomy.Cobb;

namespace SpineKit.Anatomy.Metrics;

/// <summary>Every metric comparing a predicted label set with the truth; landmark figures are null when image sizes were unknown.</summary>
/// <param name="Images">How many images were compared.</param>
/// <param name="Smape">The challenge's SMAPE, percent.</param>
/// <param name="MeanAbsoluteError">Mean absolute error of each angle column, degrees.</param>
/// <param name="CircularMeanAbsoluteError">Circular mean absolute error over all angles, degrees.</param>
/// <param name="MeanEuclidean">Mean Euclidean distance between the triples, degrees.</param>
/// <param name="MeanManhattan">Mean Manhattan distance between the triples, degrees.</param>
/// <param name="MeanChebyshev">Mean Chebyshev distance between the triples, degrees.</param>
/// <param name="MeanRadialError">Mean radial corner error, pixels.</param>
/// <param name="MeanRadialErrorMillimetres">Mean radial corner error, millimetres (needs pixel spacing on every true set).</param>
/// <param name="Pck">PCK at 5%..100% of the vertebral width.</param>
/// <param name="NormalizedErrors">x and y corner errors over vertebral width and height, per level and N-weighted global medians.</param>
public sealed record ScoreCard(
    int Images,
    double Smape,
    AngleTriple MeanAbsoluteError,
    double CircularMeanAbsoluteError,
    double MeanEuclidean,
    double MeanManhattan,
    double MeanChebyshev,
    double? MeanRadialError,
    double? MeanRadialErrorMillimetres,
    IReadOnlyList<PckPoint>? Pck,
    NormalizedErrorSummary? NormalizedErrors)
{
    /// <summary>Computes the card; pass landmark sets (same order as the angles) to get the landmark metrics too.</summary>
    public static ScoreCard Compute(
        IReadOnlyList<AngleTriple> predictedAngles,
        IReadOnlyList<AngleTriple> trueAngles,
        IReadOnlyList<LandmarkSet>? predictedLandmarks = null,
        IReadOnlyList<LandmarkSet>? trueLandmarks = null)
    {
        ArgumentNullException.ThrowIfNull(predictedAngles);
        ArgumentNullException.ThrowIfNull(trueAngles);
        var pairs = predictedAngles.Zip(trueAngles).ToArray();
        var hasLandmarks = predictedLandmarks is not null && trueLandmarks is not null;
        return new ScoreCard(
            trueAngles.Count,
            AngleMetrics.Smape(predictedAngles, trueAngles),
            AngleMetrics.MeanAbsoluteError(predictedAngles, trueAngles),
            AngleMetrics.CircularMeanAbsoluteError(predictedAngles, trueAngles),
            pairs.Average(p => AngleMetrics.Euclidean(p.First, p.Second)),
            pairs.Average(p => AngleMetrics.Manhattan(p.First, p.Second)),
            pairs.Average(p => AngleMetrics.Chebyshev(p.First, p.Second)),
            hasLandmarks ? LandmarkMetrics.MeanRadialError(predictedLandmarks!, trueLandmarks!) : null,
            hasLandmarks ? LandmarkMetrics.MeanRadialErrorMillimetres(predictedLandmarks!, trueLandmarks!) : null,
            hasLandmarks ? LandmarkMetrics.PckCurve(predictedLandmarks!, trueLandmarks!) : null,
            hasLandmarks ? LandmarkMetrics.NormalizedErrors(predictedLandmarks!, trueLandmarks!) : null);
    }
}
