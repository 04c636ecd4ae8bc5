using SpineKit.Detection.Segmentation.Networks;
using SpineKit.Imaging.Transforms;

namespace SpineKit.Detection.Segmentation.Inference;

/// <summary>
/// Per-pixel class probability maps stored class-major (<c>[classes, H, W]</c> row-major): softmax of
/// logits, averaging across models (soft voting), upsampling and the arg-max class map.
/// </summary>
internal static class ClassProbabilities
{
    /// <summary>Softmax over the classes of one image's logits <c>[classes, plane]</c>.</summary>
    public static float[] Softmax(ReadOnlySpan<float> logits, int plane)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(plane, 1);
        var classes = logits.Length / plane;
        if (classes * plane != logits.Length)
        {
            throw new ArgumentException($"{logits.Length} logits are not a whole number of {plane}-pixel planes.", nameof(logits));
        }

        var result = new float[logits.Length];
        for (var p = 0; p < plane; p++)
        {
            var maximum = float.NegativeInfinity;
            for (var c = 0; c < classes; c++)
            {
                maximum = MathF.Max(maximum, logits[(c * plane) + p]);
            }

            var sum = 0f;
            for (var c = 0; c < classes; c++)
            {
                var e = MathF.Exp(logits[(c * plane) + p] - maximum);
                result[(c * plane) + p] = e;
                sum += e;
            }

            for (var c = 0; c < classes; c++)
            {
                result[(c * plane) + p] /= sum;
            }
        }

        return result;
    }

    /// <summary>A copy of row-major planes (any number of <paramref name="width"/>-pixel rows) with every row reversed.</summary>
    public static float[] MirrorHorizontally(ReadOnlySpan<float> planes, int width)
    {
        var result = new float[planes.Length];
        MirrorRows.Apply(planes, width, result);
        return result;
    }

    /// <summary>The mean of equally shaped probability maps (each model one vote of equal weight).</summary>
    public static float[] Average(IReadOnlyList<float[]> maps)
    {
        ArgumentNullException.ThrowIfNull(maps);
        if (maps.Count == 0)
        {
            throw new ArgumentException("There is nothing to average.", nameof(maps));
        }

        var result = new float[maps[0].Length];
        foreach (var map in maps)
        {
            if (map.Length != result.Length)
            {
                throw new ArgumentException("Probability maps differ in size.", nameof(maps));
            }

            for (var i = 0; i < result.Length; i++)
            {
                result[i] += map[i];
            }
        }

        var scale = 1f / maps.Count;
        for (var i = 0; i < result.Length; i++)
        {
            result[i] *= scale;
        }

        return result;
    }

    /// <summary>
    /// The most probable class per pixel of <paramref name="probabilities"/> (<paramref name="width"/> x
    /// <paramref name="height"/> per class); ties go to the lower class index.
    /// </summary>
    public static Imaging.Image<byte> ArgMax(ReadOnlySpan<float> probabilities, int width, int height)
    {
        var plane = width * height;
        var classes = probabilities.Length / plane;
        if (classes * plane != probabilities.Length || classes is < 1 or > 255)
        {
            throw new ArgumentException($"{probabilities.Length} values are not whole {width}x{height} class planes.", nameof(probabilities));
        }

        var result = new Imaging.Image<byte>(width, height);
        for (var p = 0; p < plane; p++)
        {
            var best = 0;
            for (var c = 1; c < classes; c++)
            {
                if (probabilities[(c * plane) + p] > probabilities[(best * plane) + p])
                {
                    best = c;
                }
            }

            result.Pixels[p] = (byte)best;
        }

        return result;
    }

    /// <summary>
    /// The class map under a body threshold: body where the body probability reaches
    /// <paramref name="bodyThreshold"/>, elsewhere the more probable of background and gap. Without a
    /// threshold this is <see cref="ArgMax"/>. (A threshold above one half counters a model that draws
    /// bodies too large; it is calibrated per fold, see <see cref="SegmentationCalibration"/>.)
    /// </summary>
    public static Imaging.Image<byte> Decide(ReadOnlySpan<float> probabilities, int width, int height, double? bodyThreshold)
    {
        if (bodyThreshold is not { } threshold)
        {
            return ArgMax(probabilities, width, height);
        }

        var plane = width * height;
        if (probabilities.Length != SegmentationNetConfig.Classes * plane)
        {
            throw new ArgumentException($"{probabilities.Length} values are not {SegmentationNetConfig.Classes} planes of {width}x{height}.", nameof(probabilities));
        }

        var result = new Imaging.Image<byte>(width, height);
        var body = probabilities.Slice(SegmentationNetConfig.BodyClass * plane, plane);
        var background = probabilities.Slice(SegmentationNetConfig.BackgroundClass * plane, plane);
        var gap = probabilities.Slice(SegmentationNetConfig.GapClass * plane, plane);
        for (var p = 0; p < plane; p++)
        {
            result.Pixels[p] = body[p] >= threshold
                ? (byte)SegmentationNetConfig.BodyClass
                : (byte)(gap[p] > background[p] ? SegmentationNetConfig.GapClass : SegmentationNetConfig.BackgroundClass);
        }

        return result;
    }

    /// <summary>
    /// Resizes every class plane bilinearly from <paramref name="width"/> x <paramref name="height"/> to
    /// the target size (the maps stay probabilities: bilinear weights are convex).
    /// </summary>
    public static float[] Resize(float[] probabilities, int width, int height, int targetWidth, int targetHeight)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        var plane = width * height;
        var classes = probabilities.Length / plane;
        var result = new float[classes * targetWidth * targetHeight];
        Parallel.For(0, classes, c =>
        {
            var source = new Imaging.Image<float>(width, height, 1, probabilities.AsSpan(c * plane, plane).ToArray());
            var resized = Imaging.Transforms.Resize.Apply(source, targetWidth, targetHeight, Imaging.Transforms.ResizeMode.Bilinear);
            resized.Pixels.CopyTo(result, c * targetWidth * targetHeight);
        });
        return result;
    }
}
