using SpineKit.Anatomy.Clinical;
using SpineKit.Anatomy.Labels;

namespace SpineKit.Anatomy.Cobb;

/// <summary>Everything <see cref="CobbAnalysis.Analyze"/> measures on one coronal landmark set.</summary>
/// <param name="Challenge">The challenge triple with U, L, P and the S-flag, computed on the landmarks as given; null when some vertebra lacks its lower endplate or there are fewer than two.</param>
/// <param name="Clinical">The curves and tilts, computed on the sanitised landmarks.</param>
/// <param name="Sanitized">The sanitised landmarks and the issues found in the input.</param>
public sealed record CobbAnalysisResult(ChallengeCobbResult? Challenge, ClinicalCurveReport Clinical, SanitizedLandmarks Sanitized);
