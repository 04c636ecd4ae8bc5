using System.Numerics;
using SpineKit.Imaging;
using SpineKit.Imaging.Transforms;

namespace SpineKit.Detection.Training;

/// <summary>
/// Random geometric and intensity augmentation that moves the corners with the pixels: one affine warp
/// (rotation, scale, shift, optional horizontal flip with tl/tr and bl/br swapped so "left" stays
/// image-left), an optional elastic deformation, then gamma, contrast, CLAHE and noise.
/// </summary>
public static class LandmarkAugmenter
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
        var transform = flip ? AffineTransform.FlipHorizontal(image.Width) : AffineTransform.Identity;
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
