namespace SpineKit.Detection.Codecs;

/// <summary>
/// Training targets for one image on the output grid (row-major, <c>Height x Width</c> cells).
/// </summary>
/// <param name="Width">Output grid width.</param>
/// <param name="Height">Output grid height.</param>
/// <param name="Heat">Centre heatmap in [0, 1], exactly 1 at each vertebra's peak cell.</param>
/// <param name="Offsets">Eight planes: (dx, dy) in cells from each cell centre to the tl, tr, bl, br corners.</param>
/// <param name="OffsetWeights">Where the offsets (and levels) are supervised (1) or ignored (0).</param>
/// <param name="Levels">Level index times <see cref="VertebraCenterCodec.LevelScale"/> where supervised.</param>
internal sealed record VertebraTargets(int Width, int Height, float[] Heat, float[] Offsets, float[] OffsetWeights, float[] Levels);
