using System.Numerics;
using SpineKit.Detection.Evaluation;
using SpineKit.Imaging;
using SpineKit.Imaging.Transforms;

namespace SpineKit.Detection.Training;

/// <summary>
/// Changes what a challenge crop (T1 near the top, L5 near the bottom) shows, so a model learns to find
/// the spine and name its levels on any film: the labelled T1-L5 column is transplanted into the
/// surroundings of a real full-spine film (skull, neck, shoulders, arms, pelvis; the spine then covers
/// about a third of the area), and/or the film is cut cranially and caudally so that the highest and
/// lowest visible vertebrae vary (at least <see cref="FieldOfViewSettings.MinimumVisibleLevels"/> stay).
/// Works at the network input size, before <see cref="LandmarkAugmenter"/>; corners move with the pixels
/// and keep their level order, so a vertebra pushed out of the frame simply has no target.
/// </summary>
internal sealed class FieldOfViewAugmenter
{
    private readonly IReadOnlyList<(Image<float> Image, BodyBox[] Boxes)> _surroundings;

    /// <summary>Uses <paramref name="surroundings"/> (full-spine films resized to the input, with their boxes) for transplants.</summary>
    public FieldOfViewAugmenter(FieldOfViewSettings settings, IReadOnlyList<(Image<float> Image, BodyBox[] Boxes)> surroundings)
    {
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _surroundings = surroundings ?? throw new ArgumentNullException(nameof(surroundings));
    }

    /// <summary>The probabilities in use.</summary>
    public FieldOfViewSettings Settings { get; }

    /// <summary>Loads the films of a <see cref="FullSpineDataset"/> as surroundings at the input size.</summary>
    public static IReadOnlyList<(Image<float> Image, BodyBox[] Boxes)> LoadSurroundings(IEnumerable<FullSpineFilm> films, int inputWidth, int inputHeight) =>
        [.. films.AsParallel().AsOrdered().Select(f => f.LoadResized(inputWidth, inputHeight)).Where(f => f.Boxes.Length >= 3).Select(f => (f.Image, f.Boxes))];

    /// <summary>Returns the changed image and corners (groups of four, level order kept), or the input itself when neither change was drawn; the input is never written to.</summary>
    /// <param name="image">The example at the input size.</param>
    /// <param name="corners">Its corners in input pixels.</param>
    /// <param name="originalAspect">Height over width of the original film (the input is a stretched copy).</param>
    /// <param name="random">The example's generator.</param>
    public (Image<float> Image, Vector2[] Corners) Apply(Image<float> image, ReadOnlySpan<Vector2> corners, double originalAspect, Random random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        var points = corners.ToArray();
        var output = image;
        if (points.Length >= 12 && _surroundings.Count > 0 && random.NextDouble() < Settings.TransplantProbability)
        {
            output = Transplant(output, points, _surroundings[random.Next(_surroundings.Count)], random);
        }

        if (points.Length >= 4 * Settings.MinimumVisibleLevels && random.NextDouble() < Settings.CropProbability)
        {
            output = CropLevels(output, points, originalAspect, random);
        }

        // Unchanged: the input itself (it is never written to); the augmenter after this one copies it anyway.
        return (output, points);
    }

    /// <summary>Scales the example's spine column onto the boxed column of a full-spine film and blends it in with feathered edges.</summary>
    /// <param name="image">The challenge-framed film.</param>
    /// <param name="points">Its corners; moved into the host's frame.</param>
    /// <param name="host">The full-spine film whose surroundings are used; the result has its size.</param>
    /// <param name="random">Draws the scale jitter, margins and band width.</param>
    /// <param name="fixedScale">When set, the spine keeps this scale and is centred on the host's column (evaluation views) instead of matching the column's length.</param>
    /// <param name="maxBlur">Largest feathering blur in pixels (keeps large evaluation canvases fast).</param>
    internal static Image<float> Transplant(Image<float> image, Vector2[] points, (Image<float> Image, BodyBox[] Boxes) host, Random random, double? fixedScale = null, double maxBlur = double.PositiveInfinity)
    {
        int width = image.Width, height = image.Height, outputWidth = host.Image.Width, outputHeight = host.Image.Height;
        var (top, bottom) = (points.Take(4).Min(p => p.Y), points.TakeLast(4).Max(p => p.Y));
        var centreX = points.Average(p => p.X);
        var hostTop = host.Boxes[0].YMin;
        var hostBottom = host.Boxes[^1].YMax;
        var hostCentreX = host.Boxes.Average(b => b.CenterX);

        // The boxes cover 13-18 bodies, not always T1-L5: a loose scale match is what a real film gives anyway.
        var scale = Math.Clamp((hostBottom - hostTop) / Math.Max(1, bottom - top) * Uniform(random, 0.92, 1.12), 0.25, 1.0);
        var margin = Uniform(random, 0.005, 0.04) * height;
        var cropTop = (int)Math.Clamp(top - margin, 0, height - 1);
        var cropBottom = (int)Math.Clamp(bottom + margin, cropTop + 1, height);
        var transform = AffineTransform.Translation(-centreX, -top)
            .Then(AffineTransform.Scale(scale, scale))
            .Then(AffineTransform.Translation(hostCentreX + (Uniform(random, -0.02, 0.02) * width), hostTop + (Uniform(random, -0.02, 0.02) * height)));
        if (fixedScale is { } chosen)
        {
            scale = chosen;
            transform = AffineTransform.Translation(-centreX, -(top + bottom) / 2)
                .Then(AffineTransform.Scale(scale, scale))
                .Then(AffineTransform.Translation(hostCentreX, (hostTop + hostBottom) / 2));
        }

        // The pasted part: the crop rows, in a band around the column a few vertebra widths wide with soft edges
        // (a hard rectangle would tell the network where the spine is).
        var bodyWidth = Enumerable.Range(0, points.Length / 4).Average(v => Math.Abs(points[(4 * v) + 1].X - points[4 * v].X));
        var halfBand = bodyWidth * Uniform(random, 1.3, 2.2);
        var feather = Math.Max(2.0, bodyWidth * 0.6);
        var weight = new Image<float>(width, height);
        for (var v = 0; v < points.Length / 4; v++)
        {
            // Follow the curve: the band is centred on each vertebra over its rows (and the margins at the ends).
            var rowTop = v == 0 ? cropTop : (int)((points[4 * v].Y + points[(4 * v) - 2].Y) / 2);
            var rowBottom = v == (points.Length / 4) - 1 ? cropBottom : (int)((points[(4 * v) + 2].Y + points[(4 * v) + 4].Y) / 2);
            var centre = (points[4 * v].X + points[(4 * v) + 1].X + points[(4 * v) + 2].X + points[(4 * v) + 3].X) / 4;
            for (var y = Math.Max(cropTop, rowTop); y < Math.Min(cropBottom, rowBottom); y++)
            {
                var row = weight.Row(y);
                for (var x = 0; x < width; x++)
                {
                    row[x] = (float)Math.Clamp((halfBand - Math.Abs(x - centre)) / feather, 0, 1);
                }
            }
        }

        var warped = AffineWarp.Apply(image, transform, outputWidth, outputHeight, points, 0f);
        var warpedWeight = GaussianBlur.Apply(AffineWarp.Apply(weight, transform, outputWidth, outputHeight, 0f), Math.Min(maxBlur, Math.Max(1.5, feather * scale / 2)));

        // Match the pasted part's brightness and contrast to the host under it, so no bright block gives it away.
        var hostPixels = host.Image.Pixels;
        var (hostMean, hostDeviation) = WeightedMoments(hostPixels, warpedWeight.Pixels);
        var (pasteMean, pasteDeviation) = WeightedMoments(warped.Pixels, warpedWeight.Pixels);
        var gain = pasteDeviation > 1e-4 ? (float)Math.Clamp(hostDeviation / pasteDeviation, 0.6, 1.6) : 1f;
        var output = new Image<float>(outputWidth, outputHeight);
        for (var i = 0; i < hostPixels.Length; i++)
        {
            var w = warpedWeight.Pixels[i];
            var pasted = (float)(hostMean + ((warped.Pixels[i] - pasteMean) * gain));
            output.Pixels[i] = Math.Clamp((w * pasted) + ((1 - w) * hostPixels[i]), 0f, 1f);
        }

        return output;
    }

    /// <summary>Keeps rows from just above one level to just below a lower one (at least the minimum count) and a plausible width, resized back to the input; <paramref name="originalAspect"/> is the source film's height over width.</summary>
    internal Image<float> CropLevels(Image<float> image, Vector2[] points, double originalAspect, Random random)
    {
        int width = image.Width, height = image.Height, levels = points.Length / 4;
        var span = Settings.MinimumVisibleLevels;

        // Half of the cuts keep one end (the other is cut): cervical-to-lumbar and thoracic-only views both occur.
        int first, last;
        var keep = random.NextDouble();
        if (keep < 0.4)
        {
            first = 0;
            last = random.Next(span - 1, levels - 1);
        }
        else if (keep < 0.8)
        {
            first = random.Next(1, levels - span + 1);
            last = levels - 1;
        }
        else
        {
            first = random.Next(0, levels - span + 1);
            last = random.Next(first + span - 1, levels);
        }

        float TopOf(int v) => Math.Min(points[4 * v].Y, points[(4 * v) + 1].Y);
        float BottomOf(int v) => Math.Max(points[(4 * v) + 2].Y, points[(4 * v) + 3].Y);
        var bodyHeight = (BottomOf(last) - TopOf(first)) / (last - first + 1);

        // Cut inside the disc above the first kept body (or anywhere above T1) and inside the disc below the last.
        var cutTop = first == 0 ? Uniform(random, 0, Math.Max(0, TopOf(0))) : Uniform(random, BottomOf(first - 1), TopOf(first));
        var cutBottom = last == levels - 1 ? Uniform(random, Math.Min(height, BottomOf(last)), height) : Uniform(random, BottomOf(last), TopOf(last + 1));
        cutTop = Math.Clamp(cutTop - (0.1 * bodyHeight), 0, height - 2);
        cutBottom = Math.Clamp(cutBottom + (0.1 * bodyHeight), cutTop + 2, height);
        // Keep the width a real partial film of that height would have (height 1 to 2.8 times the width in
        // original pixels), centred on the kept bodies: stretching a short cut to the full height alone would
        // draw vertebrae several times too tall.
        var cutHeight = cutBottom - cutTop;
        var aspect = Uniform(random, 1.0, 2.8);
        var cutWidth = Math.Clamp(cutHeight * originalAspect * width / (height * aspect), Math.Min(width, 4 * bodyHeight), width);
        var keptCentre = Enumerable.Range(4 * first, 4 * (last - first + 1)).Average(i => points[i].X) + (Uniform(random, -0.15, 0.15) * cutWidth);
        var cutLeft = Math.Clamp(keptCentre - (cutWidth / 2), 0, width - cutWidth);
        var transform = AffineTransform.Translation(-cutLeft, -cutTop).Then(AffineTransform.Scale(width / cutWidth, height / cutHeight));
        return AffineWarp.Apply(image, transform, width, height, points, 0f);
    }

    private static (double Mean, double Deviation) WeightedMoments(float[] values, float[] weights)
    {
        double sum = 0, squares = 0, total = 0;
        for (var i = 0; i < values.Length; i++)
        {
            sum += weights[i] * values[i];
            squares += weights[i] * values[i] * values[i];
            total += weights[i];
        }

        if (total <= 0)
        {
            return (0, 0);
        }

        var mean = sum / total;
        return (mean, Math.Sqrt(Math.Max(0, (squares / total) - (mean * mean))));
    }

    private static double Uniform(Random random, double low, double high) => low + (random.NextDouble() * (high - low));
}

/// <summary>How often <see cref="FieldOfViewAugmenter"/> transplants and cuts.</summary>
public sealed record FieldOfViewSettings
{
    /// <summary>Chance of transplanting the spine into a full-spine film's surroundings.</summary>
    public double TransplantProbability { get; init; } = 0.5;

    /// <summary>Chance of a cranial and/or caudal cut (after any transplant).</summary>
    public double CropProbability { get; init; } = 0.35;

    /// <summary>Levels a cut keeps at least.</summary>
    public int MinimumVisibleLevels { get; init; } = 3;
}
