using System.Numerics;

namespace SpineKit.Detection.Codecs;

/// <summary>
/// One vertebra found on the output grid, before levels are assigned: its centre score and its four
/// corners (tl, tr, bl, br) in network-input pixels.
/// </summary>
/// <param name="Score">Sigmoid of the centre logit at the peak, in [0, 1].</param>
/// <param name="Corners">Top-left, top-right, bottom-left, bottom-right.</param>
internal sealed record VertebraCandidate(float Score, Vector2[] Corners)
{
    /// <summary>The network's estimate of the level index (0 for the first level); NaN when the model has no level channel.</summary>
    public float Level { get; init; } = float.NaN;

    /// <summary>Mean of the four corners.</summary>
    public Vector2 Center => (Corners[0] + Corners[1] + Corners[2] + Corners[3]) / 4f;

    /// <summary>Mean of the left-right distances of both endplates.</summary>
    public float Width => (Vector2.Distance(Corners[0], Corners[1]) + Vector2.Distance(Corners[2], Corners[3])) / 2f;

    /// <summary>Mean of the top-bottom distances of both sides.</summary>
    public float Height => (Vector2.Distance(Corners[0], Corners[2]) + Vector2.Distance(Corners[1], Corners[3])) / 2f;
}
