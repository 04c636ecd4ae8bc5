using SpineKit.Detection.Codecs;
using SpineKit.Detection.Inference;

namespace SpineKit.Web;

/// <summary>One state of an image's correction: the hints the user has placed and the prediction made with them.</summary>
/// <param name="Hints">The corrections, in original pixels (empty for the automatic result).</param>
/// <param name="Prediction">The landmarks and angles predicted with <paramref name="Hints"/>.</param>
public sealed record CorrectionState(IReadOnlyList<CornerHint> Hints, LandmarkPrediction Prediction);
