using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Segmentation.Codecs;
using SpineKit.Detection.Training;

namespace SpineKit.Detection.Segmentation.Training;

/// <summary>
/// How the trainer shows the networks the spine strip (<see cref="SpineStrip"/>) instead of the whole film: the tiles
/// are planned from the film's LABELLED corners as inference plans them from the landmark stages' corners, each tile is
/// cut from the full-resolution film with <see cref="SpineStrip.Cut"/> (the code inference uses) and its corners mapped
/// into the tile with <see cref="SpineStripTile.ToInput"/>, so the targets rendered from them are the film's targets
/// seen through the tile. In training each tile's centre is moved by up to <see cref="Shift"/> of its size and its
/// size scaled by up to <see cref="Scale"/> (seeded), because the landmark stages' corners, and so the planned tiles,
/// differ from the labelled ones at inference.
/// </summary>
/// <param name="Tiles">Tiles per film (<see cref="SpineStrip.Plan"/>'s count; 1 to 8).</param>
/// <param name="Shift">Largest move of a tile's centre, as a fraction of its width and height (0 to 0.5).</param>
/// <param name="Scale">Largest relative change of a tile's size (0 to 0.5).</param>
internal sealed record StripTileSampling(int Tiles, double Shift = StripTileSampling.DefaultShift, double Scale = StripTileSampling.DefaultScale)
{
    /// <summary>Default largest move of a tile's centre (a tenth of the tile).</summary>
    public const double DefaultShift = 0.1;

    /// <summary>Default largest change of a tile's size (+/-10 %).</summary>
    public const double DefaultScale = 0.1;

    /// <summary>The largest tile count accepted (as <c>evaluate segmentation --strip-tiles</c>).</summary>
    public const int MaxTiles = 8;

    /// <summary>Refuses counts and jitter outside their ranges.</summary>
    public void Validate()
    {
        if (Tiles is < 1 or > MaxTiles)
        {
            throw new ArgumentOutOfRangeException(nameof(Tiles), Tiles, $"A strip has 1 to {MaxTiles} tiles.");
        }

        if (!(Shift is >= 0 and <= 0.5) || !(Scale is >= 0 and <= 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(Shift), $"The tile jitter (shift {Shift}, scale {Scale}) lies in [0, 0.5].");
        }
    }

    /// <summary>
    /// The tiles of a full-resolution <paramref name="film"/> planned from its labelled corners
    /// (<see cref="SpineStrip.Plan"/>); one tile over the whole film when no labelled vertebra can plan them.
    /// </summary>
    public IReadOnlyList<SpineStripTile> Plan(TrainingExample film, int inputWidth, int inputHeight)
    {
        ArgumentNullException.ThrowIfNull(film);
        var tiles = SpineStrip.Plan(film.Truth, inputWidth, inputHeight, Tiles);
        return tiles.Count > 0 ? tiles : [new SpineStripTile(0, 0, film.Input.Width, film.Input.Height)];
    }

    /// <summary>
    /// Tile <paramref name="index"/> (modulo the planned count) of <paramref name="film"/>, jittered with
    /// <paramref name="random"/> when given, as a training example at the input size.
    /// </summary>
    public TrainingExample Sample(TrainingExample film, int index, int inputWidth, int inputHeight, Random? random)
    {
        var tiles = Plan(film, inputWidth, inputHeight);
        var tile = tiles[index % tiles.Count];
        return View(film, random is null ? tile : Jitter(tile, random), inputWidth, inputHeight);
    }

    /// <summary>
    /// <paramref name="film"/> (full resolution, corners in its pixels) seen through <paramref name="tile"/>: the input
    /// cut as inference cuts it, the corners mapped into the input's pixels.
    /// </summary>
    public static TrainingExample View(TrainingExample film, SpineStripTile tile, int inputWidth, int inputHeight)
    {
        ArgumentNullException.ThrowIfNull(film);
        return film with
        {
            Input = SpineStrip.Cut(film.Input, tile, inputWidth, inputHeight),
            Corners = [.. film.Corners.Select(c => tile.ToInput(new Point2(c.X, c.Y), inputWidth, inputHeight))],
        };
    }

    /// <summary><paramref name="tile"/> with its centre moved and its size scaled (the aspect kept) within the jitter.</summary>
    internal SpineStripTile Jitter(SpineStripTile tile, Random random)
    {
        var scale = 1 + (Scale * ((2 * random.NextDouble()) - 1));
        var centreX = tile.Left + (tile.Width / 2.0) + (Shift * tile.Width * ((2 * random.NextDouble()) - 1));
        var centreY = tile.Top + (tile.Height / 2.0) + (Shift * tile.Height * ((2 * random.NextDouble()) - 1));
        var width = Math.Max(1, (int)Math.Round(tile.Width * scale));
        var height = Math.Max(1, (int)Math.Round(tile.Height * scale));
        return new SpineStripTile((int)Math.Floor(centreX - (width / 2.0)), (int)Math.Floor(centreY - (height / 2.0)), width, height);
    }
}
