namespace SpineKit.Imaging.Tests.Transforms;

/// <summary>Synthetic inputs whose correct transforms are known in closed form.</summary>
internal static class TestImages
{
    /// <summary>An image whose sample at pixel (x, y) is <paramref name="f"/> of the pixel centre.</summary>
    public static Image<float> FromFunction(int width, int height, Func<double, double, double> f, int channels = 1)
    {
        var image = new Image<float>(width, height, channels);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                for (var c = 0; c < channels; c++)
                {
                    image[x, y, c] = (float)(f(x + 0.5, y + 0.5) + c);
                }
            }
        }

        return image;
    }

    /// <summary>Uniform noise in [0, 1) from a seeded generator.</summary>
    public static Image<float> Noise(int width, int height, int seed, int channels = 1)
    {
        var random = new Random(seed);
        var image = new Image<float>(width, height, channels);
        for (var i = 0; i < image.Pixels.Length; i++)
        {
            image.Pixels[i] = random.NextSingle();
        }

        return image;
    }

    /// <summary>Largest absolute difference between two equally long sample arrays.</summary>
    public static double MaxDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        double worst = 0;
        for (var i = 0; i < a.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs((double)a[i] - b[i]));
        }

        return worst;
    }
}
