using System.Numerics;
using SpineKit.Imaging;
using SpineKit.Imaging.Transforms;

namespace SpineKit.Detection.Training;

/// <summary>
/// Random geometric and intensity augmentation that moves the corners with the pixels: one affine warp
/// (vertical reframing, rotation, scale, shift, optional horizontal flip with tl/tr and bl/br swapped so
/// "left" stays image-left), an optional elastic deformation, then gamma, contrast, CLAHE and noise.
/// </summary>
internal static class LandmarkAugmenter
{
    /// <summary>Returns the augmented image and corners; inputs are not modified.</summary>
    public static (Image<float> Image, Vector2[] Corners) Apply(Image<float> image, ReadOnlySpan<Vector2> corners, AugmentationSettings settings, Random random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(random);
        var points = corners.ToArray();
        var centre = new Vector2(image.Width / 2f, image.Height / 2f);
        var flip = random.NextDouble() < settings.FlipProbability;
        var transform = random.NextDouble() < settings.VerticalFramingProbability
            ? VerticalFraming(points, image.Height, settings, random)
            : AffineTransform.Identity;
        transform = flip ? transform.Then(AffineTransform.FlipHorizontal(image.Width)) : transform;
        var scale = Uniform(random, settings.MinScale, settings.MaxScale);
        transform = transform
            .Then(AffineTransform.Rotation(Uniform(random, -settings.MaxRotationDegrees, settings.MaxRotationDegrees), centre))
            .Then(AffineTransform.Scale(scale, scale, centre))
            .Then(AffineTransform.Translation(
                Uniform(random, -settings.MaxShift, settings.MaxShift) * image.Width,
                Uniform(random, -settings.MaxShift, settings.MaxShift) * image.Height));

        var output = transform == AffineTransform.Identity ? image.Clone() : AffineWarp.Apply(image, transform, image.Width, image.Height, points, Mean(image));
        if (flip)
        {
            SwapLeftRight(points);
        }

        if (random.NextDouble() < settings.ElasticProbability)
        {
            // Smooth (sigma 4% of the height) displacements of about 2.5 px standard deviation: the formula
            // inverts the deviation/alpha relation documented on ElasticDeformation.Create.
            var sigma = 0.04 * image.Height;
            var alpha = 2.5 * 2 * Math.Sqrt(Math.PI) * sigma / 0.58;
            var elastic = ElasticDeformation.Create(image.Width, image.Height, alpha, sigma, random);
            output = elastic.Apply(output, points, Mean(output));
        }

        if (settings.MaxGamma > 1)
        {
            output = Gamma.Apply(output, Math.Exp(Uniform(random, -Math.Log(settings.MaxGamma), Math.Log(settings.MaxGamma))));
        }

        if (settings.MaxContrastChange > 0)
        {
            AdjustContrast(output, 1 + Uniform(random, -settings.MaxContrastChange, settings.MaxContrastChange));
        }

        if (random.NextDouble() < settings.ClaheProbability)
        {
            output = Clahe.Apply(output, clipLimit: 2 + (3 * random.NextDouble()));
        }

        if (settings.MaxNoise > 0)
        {
            output = GaussianNoise.Apply(output, random.NextDouble() * settings.MaxNoise, random);
        }

        return (output, points);
    }

    /// <summary>
    /// Scales the rows so the spine's extent changes by a random factor and places it at a random height,
    /// keeping it inside the image (a tighter crop never cuts a vertebra off).
    /// </summary>
    internal static AffineTransform VerticalFraming(ReadOnlySpan<Vector2> points, int height, AugmentationSettings settings, Random random)
    {
        if (points.Length == 0)
        {
            return AffineTransform.Identity;
        }

        float top = float.MaxValue, bottom = float.MinValue;
        foreach (var point in points)
        {
            top = MathF.Min(top, point.Y);
            bottom = MathF.Max(bottom, point.Y);
        }

        var extent = Math.Max(1.0, bottom - top);
        var margin = 0.02 * height;
        var largest = Math.Min(settings.MaxVerticalScale, (height - (2 * margin)) / extent);
        var scale = Uniform(random, Math.Min(settings.MinVerticalScale, largest), largest);
        var room = height - (2 * margin) - (scale * extent);
        var newTop = margin + (room > 0 ? random.NextDouble() * room : room / 2);
        return AffineTransform.Translation(0, -top)
            .Then(AffineTransform.Scale(1, scale))
            .Then(AffineTransform.Translation(0, newTop));
    }

    /// <summary>After a mirror, image-left corners were image-right ones: swap tl/tr and bl/br of every vertebra.</summary>
    internal static void SwapLeftRight(Span<Vector2> points)
    {
        for (var v = 0; v + 3 < points.Length; v += 4)
        {
            (points[v], points[v + 1]) = (points[v + 1], points[v]);
            (points[v + 2], points[v + 3]) = (points[v + 3], points[v + 2]);
        }
    }

    private static void AdjustContrast(Image<float> image, double factor)
    {
        var mean = Mean(image);
        var pixels = image.Pixels;
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = Math.Clamp((float)(mean + ((pixels[i] - mean) * factor)), 0f, 1f);
        }
    }

    private static float Mean(Image<float> image)
    {
        double sum = 0;
        foreach (var value in image.Pixels)
        {
            sum += value;
        }

        return (float)(sum / image.Pixels.Length);
    }

    private static double Uniform(Random random, double low, double high) => low + ((high - low) * random.NextDouble());
}
