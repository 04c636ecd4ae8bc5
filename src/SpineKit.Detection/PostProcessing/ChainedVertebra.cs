using SpineKit.Detection.Codecs;

namespace SpineKit.Detection.PostProcessing;

/// <summary>A vertebra of the selected chain; <see cref="IsInferred"/> when no peak supported it and it was filled in.</summary>
/// <param name="Candidate">Corners (network-input pixels) and score.</param>
/// <param name="IsInferred">True when interpolated or extrapolated from its neighbours.</param>
public sealed record ChainedVertebra(VertebraCandidate Candidate, bool IsInferred);
