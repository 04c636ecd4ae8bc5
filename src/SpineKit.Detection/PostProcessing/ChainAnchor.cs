using System.Numerics;

namespace SpineKit.Detection.PostProcessing;

/// <summary>
/// A corner the user placed by hand, as the chain selector sees it: which vertebra of the chain it
/// belongs to (index from the first level), which corner, and where, in network-input pixels. It fixes
/// that level to that place, so the rest of the chain is re-anchored around it.
/// </summary>
/// <param name="LevelIndex">Position of the level in the chain (0 for the first level).</param>
/// <param name="Corner">Corner index: 0 tl, 1 tr, 2 bl, 3 br.</param>
/// <param name="Position">Where the corner is, in network-input pixels.</param>
internal sealed record ChainAnchor(int LevelIndex, int Corner, Vector2 Position);
