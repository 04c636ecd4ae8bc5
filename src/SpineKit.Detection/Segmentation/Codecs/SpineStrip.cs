using SpineKit.Anatomy;
using SpineKit.Detection.Preprocessing;
using SpineKit.Detection.Segmentation.Inference;
using SpineKit.Detection.Segmentation.Networks;
using SpineKit.Detection.Segmentation.PostProcessing;
using SpineKit.Imaging;
using SpineKit.Imaging.Transforms;

namespace SpineKit.Detection.Segmentation.Codecs;

/// <summary>
/// Cuts the spine out of the original-resolution film as a column of overlapping tiles and maps the network's class
/// probabilities back (the "segment where the spine is"): the whole film squeezed to 256x512 leaves a disc 2-4
/// input pixels high; a tile a fraction of the spine high, with the input's aspect, shows it several times larger.
/// Tiles follow the spine: each is centred on the vertebrae of its own height range, so a curved spine stays inside.
/// Mapping: a tile is cropped from the film with whole-pixel offsets (edges repeated), resized to the input as the
/// whole-film path resizes (<see cref="InputNormalizer.Resize"/>), and its probabilities resized back bilinearly to
/// the tile's pixels (<see cref="ClassProbabilities.Resize"/>) and pasted at the same offsets; where tiles overlap the
/// probabilities are averaged, outside every tile the pixel is background. A tile covering the whole film is exactly
/// the whole-film path.
/// </summary>
public static class SpineStrip
{
    /// <summary>
    /// The tiles for <paramref name="landmarks"/> (the landmark stages' T1..L5, original pixels): the spine's height
    /// grown by <paramref name="margin"/> vertebra heights above and below, dealt into <paramref name="tiles"/> tiles
    /// overlapping by <paramref name="overlap"/> of a tile's height; each tile as wide as the input's aspect makes it,
    /// wider (and then taller) when its vertebrae, grown by <paramref name="margin"/> widths on each side, need it.
    /// Empty when the landmarks hold no vertebra of T1..L5: segment the whole film then.
    /// </summary>
    public static IReadOnlyList<SpineStripTile> Plan(LandmarkSet landmarks, int inputWidth, int inputHeight, int tiles = 2, double margin = 0.5, double overlap = 0.25)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputHeight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tiles, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(margin);
        if (!(overlap is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(overlap), overlap, "The overlap is a fraction of a tile, in [0, 1).");
        }

        var vertebrae = LandmarkGuide.GuideVertebrae(landmarks);
        if (vertebrae.Count == 0)
        {
            return [];
        }

        var meanHeight = vertebrae.Average(v => v.Height);
        var meanWidth = vertebrae.Average(v => v.Width);
        var top = vertebrae.Min(v => v.CornerArray().Min(p => p.Y)) - (margin * meanHeight);
        var bottom = vertebrae.Max(v => v.CornerArray().Max(p => p.Y)) + (margin * meanHeight);
        var tileHeight = (bottom - top) / (tiles - ((tiles - 1) * overlap));
        var step = tileHeight * (1 - overlap);
        var aspect = (double)inputWidth / inputHeight;
        var result = new List<SpineStripTile>(tiles);
        for (var k = 0; k < tiles; k++)
        {
            var y0 = top + (k * step);
            var y1 = y0 + tileHeight;

            // The vertebrae whose bodies reach into this tile's rows decide where it sits across the film.
            var inside = vertebrae.Where(v => v.CornerArray().Max(p => p.Y) >= y0 && v.CornerArray().Min(p => p.Y) <= y1).ToList();
            if (inside.Count == 0)
            {
                inside = [vertebrae.MinBy(v => Math.Abs(v.Center.Y - ((y0 + y1) / 2)))!];
            }

            var x0 = inside.Min(v => v.CornerArray().Min(p => p.X)) - (margin * meanWidth);
            var x1 = inside.Max(v => v.CornerArray().Max(p => p.X)) + (margin * meanWidth);
            var width = Math.Max(x1 - x0, tileHeight * aspect);
            var height = width / aspect;
            var centreX = (x0 + x1) / 2;
            var centreY = (y0 + y1) / 2;
            var pixelsWide = (int)Math.Ceiling(width);
            var pixelsHigh = (int)Math.Ceiling(height);
            result.Add(new SpineStripTile(
                (int)Math.Floor(centreX - (pixelsWide / 2.0)),
                (int)Math.Floor(centreY - (pixelsHigh / 2.0)),
                pixelsWide,
                pixelsHigh));
        }

        return result;
    }

    /// <summary>The network input of <paramref name="tile"/>: cut from <paramref name="grey"/> (edges repeated) and resized to the input size.</summary>
    public static Image<float> Cut(Image<float> grey, SpineStripTile tile, int inputWidth, int inputHeight)
    {
        ArgumentNullException.ThrowIfNull(grey);
        var crop = Crop.Apply(grey, tile.Left, tile.Top, tile.Width, tile.Height, BorderMode.Edge);
        return InputNormalizer.Resize(crop, inputWidth, inputHeight);
    }

    /// <summary>
    /// The class probabilities (<c>[classes, film height, film width]</c>) of a film from the probabilities of each of
    /// its <paramref name="tiles"/> (<c>[classes, inputHeight, inputWidth]</c> each, in the same order): resized back
    /// to every tile's pixels and pasted, averaged where tiles overlap; background where no tile reaches.
    /// </summary>
    public static float[] Merge(IReadOnlyList<float[]> probabilities, IReadOnlyList<SpineStripTile> tiles, int inputWidth, int inputHeight, int filmWidth, int filmHeight)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(tiles);
        if (probabilities.Count != tiles.Count || tiles.Count == 0)
        {
            throw new ArgumentException($"{probabilities.Count} probability maps for {tiles.Count} tiles.", nameof(probabilities));
        }

        var inputPlane = inputWidth * inputHeight;
        var classes = probabilities[0].Length / inputPlane;
        if (classes < 1 || probabilities.Any(p => p.Length != classes * inputPlane))
        {
            throw new ArgumentException($"Every map must hold whole {inputWidth}x{inputHeight} class planes, the same number each.", nameof(probabilities));
        }

        var plane = filmWidth * filmHeight;
        var sum = new float[classes * plane];
        var weight = new float[plane];
        for (var t = 0; t < tiles.Count; t++)
        {
            var tile = tiles[t];
            var resized = ClassProbabilities.Resize(probabilities[t], inputWidth, inputHeight, tile.Width, tile.Height);
            var tilePlane = tile.Width * tile.Height;
            for (var ty = 0; ty < tile.Height; ty++)
            {
                var y = tile.Top + ty;
                if (y < 0 || y >= filmHeight)
                {
                    continue;
                }

                for (var tx = 0; tx < tile.Width; tx++)
                {
                    var x = tile.Left + tx;
                    if (x < 0 || x >= filmWidth)
                    {
                        continue;
                    }

                    var pixel = (y * filmWidth) + x;
                    weight[pixel]++;
                    for (var c = 0; c < classes; c++)
                    {
                        sum[(c * plane) + pixel] += resized[(c * tilePlane) + (ty * tile.Width) + tx];
                    }
                }
            }
        }

        for (var pixel = 0; pixel < plane; pixel++)
        {
            if (weight[pixel] == 0)
            {
                sum[(SegmentationNetConfig.BackgroundClass * plane) + pixel] = 1;
                continue;
            }

            for (var c = 0; c < classes; c++)
            {
                sum[(c * plane) + pixel] /= weight[pixel];
            }
        }

        return sum;
    }
}
