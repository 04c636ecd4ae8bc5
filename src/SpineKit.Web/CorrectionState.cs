using SpineKit.Detection.Codecs;
using SpineKit.Detection.Inference;

namespace SpineKit.Web;

/// <summary>One state of an image's correction: the hints the user has placed and the prediction made with them.</summary>
/// <param name="Hints">The corrections, in original pixels (empty for the automatic result).</param>
/// <param name="Prediction">The landmarks and angles predicted with <paramref name="Hints"/>.</param>
public sealed record CorrectionState(IReadOnlyList<CornerHint> Hints, LandmarkPrediction Prediction)
{
    /// <summary>
    /// <see cref="Hints"/> with the time each was placed, for the exported analysis: a hint sent again unchanged
    /// keeps the time it was first placed, a moved or new one gets the time of the request that brought it.
    /// </summary>
    public IReadOnlyList<Detection.Reporting.UserCorrection> Corrections { get; init; } = [];
}
