using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using SpineKit.Imaging;
using SpineKit.Imaging.Kernels;
using SpineKit.Imaging.Transforms;

namespace SpineKit.Benchmarks;

/// <summary>
/// <c>transforms [runs]</c>: milliseconds per operation (median of the runs, single thread) for resizing,
/// warping, CLAHE and blurring a synthetic radiograph-sized image, plus the scalar reference kernels for scale.
/// </summary>
internal static class TransformsBenchmark
{
    public const string Usage = "transforms [runs=15] [op-filter]: resize (each mode), affine warp, CLAHE, Gaussian blur on 1024x2816";

    public static int Run(string[] args)
    {
        var runs = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 15;
        var filter = args.Length > 1 ? args[1] : string.Empty;
        void Report(string operation, string input, string output, int count, Func<object> action)
        {
            if (operation.Contains(filter, StringComparison.Ordinal))
            {
                Time(operation, input, output, count, action);
            }
        }


        // The acceptance figures: an 8-bit 1000x2800 radiograph resized straight into floats.
        var radiograph = SyntheticRadiograph(1000, 2800);
        Report("resize-area-from-byte", "1000x2800", "256x768", runs, () => Resize.Apply(radiograph, 256, 768, ResizeMode.Area));
        Report("resize-bilinear-from-byte", "1000x2800", "512x1536", runs, () => Resize.Apply(radiograph, 512, 1536, ResizeMode.Bilinear));

        var image = ImageConversion.ToFloat(SyntheticRadiograph(1024, 2816));
        Report("to-float", "1024x2816", "1024x2816", runs, () => ImageConversion.ToFloat(radiograph));
        foreach (var mode in Enum.GetValues<ResizeMode>())
        {
            foreach (var (w, h) in new[] { (256, 768), (512, 1536) })
            {
                Report($"resize-{mode.ToString().ToLowerInvariant()}", "1024x2816", $"{w}x{h}", runs,
                    () => Resize.Apply(image, w, h, mode));
            }
        }

        Report("resize-area-scalar-reference", "1024x2816", "256x768", runs, () => ReferenceResize(image, 256, 768, ResizeMode.Area));
        Report("resize-bilinear-scalar-reference", "1024x2816", "512x1536", runs, () => ReferenceResize(image, 512, 1536, ResizeMode.Bilinear));

        var centre = new Vector2(512, 1408);
        var warp = AffineTransform.Rotation(7, centre).Then(AffineTransform.Scale(1.05, 1.05, centre));
        Report("affine-warp", "1024x2816", "1024x2816", runs, () => AffineWarp.Apply(image, warp, 1024, 2816));
        Report("affine-warp-scalar-reference", "1024x2816", "1024x2816", runs, () => ReferenceWarp(image, warp));
        Report("clahe-8x8-clip2", "1024x2816", "1024x2816", runs, () => Clahe.Apply(image, 2.0, 8, 8));
        Report("equalize-hist", "1024x2816", "1024x2816", runs, () => HistogramEqualization.Apply(image));
        foreach (var sigma in new[] { 1.0, 2.0, 5.0 })
        {
            Report($"gaussian-blur-sigma{sigma.ToString(CultureInfo.InvariantCulture)}", "1024x2816", "1024x2816", runs, () => GaussianBlur.Apply(image, sigma));
        }

        Report("gaussian-blur-sigma2-scalar-reference", "1024x2816", "1024x2816", Math.Min(runs, 3), () => ReferenceBlur(image, 2.0));
        Report("elastic-create-alpha60-sigma8", "1024x2816", "1024x2816", Math.Min(runs, 5),
            () => ElasticDeformation.Create(1024, 2816, 60, 8, new Random(1)));
        var elastic = ElasticDeformation.Create(1024, 2816, 60, 8, new Random(1));
        Report("elastic-apply", "1024x2816", "1024x2816", runs, () => elastic.Apply(image));
        return 0;
    }

    private static void Time(string operation, string input, string output, int runs, Func<object> action)
    {
        action();
        action();
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            GC.KeepAlive(action());
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"benchmark\":\"transforms\",\"op\":\"{operation}\",\"input\":\"{input}\",\"output\":\"{output}\",\"ms_median\":{times[runs / 2]:F3},\"ms_min\":{times[0]:F3},\"runs\":{runs},\"threads\":1}}"));
    }

    // A smooth body-like intensity profile with texture, deterministic from a fixed seed.
    private static Image<byte> SyntheticRadiograph(int width, int height)
    {
        var random = new Random(2026);
        var image = new Image<byte>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var u = (x - (width / 2.0)) / width;
                var body = 180 * Math.Exp(-u * u * 8) * (0.7 + (0.3 * Math.Sin(y / 37.0)));
                image[x, y] = (byte)Math.Clamp(body + (random.NextDouble() * 30), 0, 255);
            }
        }

        return image;
    }

    private static Image<float> ReferenceResize(Image<float> source, int width, int height, ResizeMode mode)
    {
        var result = new Image<float>(width, height);
        var intermediate = new float[source.Height * width];
        ResamplerScalar.Horizontal(source.Pixels, source.Height, 1, ResampleWeights.Create(source.Width, width, mode, Resize.DefaultBicubicCoefficient), intermediate);
        ResamplerScalar.Vertical(intermediate, width, ResampleWeights.Create(source.Height, height, mode, Resize.DefaultBicubicCoefficient), result.Pixels);
        return result;
    }

    private static Image<float> ReferenceBlur(Image<float> source, double sigma)
    {
        var taps = GaussianBlur.Kernel(sigma);
        var scratch = new float[source.Pixels.Length];
        var result = new Image<float>(source.Width, source.Height);
        SeparableFilter.Horizontal(source.Pixels, source.Width, source.Height, 1, taps, scratch, SimdPath.Scalar);
        SeparableFilter.Vertical(scratch, source.Width, source.Height, taps, result.Pixels, SimdPath.Scalar);
        return result;
    }

    // AffineWarp's loop with the scalar row sampler, for the SIMD speed-up.
    private static Image<float> ReferenceWarp(Image<float> source, AffineTransform transform)
    {
        var inverse = transform.Invert();
        var result = new Image<float>(source.Width, source.Height);
        for (var y = 0; y < source.Height; y++)
        {
            var u = PixelGrid.SampleIndexOf((inverse.M11 * PixelGrid.CenterOf(0)) + (inverse.M12 * PixelGrid.CenterOf(y)) + inverse.Dx);
            var v = PixelGrid.SampleIndexOf((inverse.M21 * PixelGrid.CenterOf(0)) + (inverse.M22 * PixelGrid.CenterOf(y)) + inverse.Dy);
            WarpRowScalar.Sample(source, u, v, inverse.M11, inverse.M21, 0f, result.Row(y));
        }

        return result;
    }
}
