using SpineKit.Detection.Codecs;

namespace SpineKit.Detection.PostProcessing;

/// <summary>A vertebra of the selected chain; <see cref="IsInferred"/> when no peak supported it and it was filled in.</summary>
/// <param name="Candidate">Corners (network-input pixels) and score.</param>
/// <param name="IsInferred">True when interpolated or extrapolated from its neighbours.</param>
internal sealed record ChainedVertebra(VertebraCandidate Candidate, bool IsInferred)
{
    /// <summary>True for a level that would lie beyond the image's edge: not visible, so not reported (its candidate is only the extrapolation).</summary>
    public bool IsAbsent { get; init; }
}
