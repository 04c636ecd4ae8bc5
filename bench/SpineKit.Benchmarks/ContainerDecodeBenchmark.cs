using System.Diagnostics;
using System.Globalization;
using SpineKit.Imaging;
using SpineKit.Imaging.Formats.Png;

namespace SpineKit.Benchmarks;

/// <summary>
/// <c>containers DIR [REPEATS]</c>: for every file ImageReader recognises in DIR, the best-of-REPEATS time to decode it,
/// to render its 16-bit and 8-bit views, and to write and re-read the 16-bit view as PNG. One JSON line per file.
/// </summary>
internal static class ContainerDecodeBenchmark
{
    public const string Usage = "DIR [REPEATS]  decode/render/PNG round-trip every PNG, JPEG and DICOM file in DIR (best of REPEATS, default 5)";

    public static int Run(string[] args)
    {
        if (args.Length is < 1 or > 2 || !Directory.Exists(args[0]))
        {
            Console.Error.WriteLine($"usage: containers {Usage}");
            return 2;
        }

        var repeats = args.Length == 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        foreach (var path in Directory.EnumerateFiles(args[0]).Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(path);
            if (ImageReader.DetectFormat(bytes) is not { } format)
            {
                continue;
            }

            RadiographImage image;
            try
            {
                image = ImageReader.Read(bytes);
            }
            catch (ImageFormatException exception)
            {
                Console.Error.WriteLine($"{Path.GetFileName(path)}: {exception.Message}");
                continue;
            }

            var rendered = image.RenderModality16();
            var png = PngEncoder.Encode(rendered);
            var line = string.Create(
                CultureInfo.InvariantCulture,
                $"{{\"file\": \"{Path.GetFileName(path)}\", \"format\": \"{format}\", \"megapixels\": {image.Pixels.PixelCount / 1e6:F3}, " +
                $"\"decode_ms\": {Best(repeats, () => ImageReader.Read(bytes)):F2}, " +
                $"\"render16_ms\": {Best(repeats, () => image.RenderModality16()):F2}, " +
                $"\"display8_ms\": {Best(repeats, () => image.RenderDisplay()):F2}, " +
                $"\"png16_encode_ms\": {Best(repeats, () => PngEncoder.Encode(rendered)):F2}, " +
                $"\"png16_decode_ms\": {Best(repeats, () => PngDecoder.Decode(png)):F2}, \"png16_bytes\": {png.Length}}}");
            Console.WriteLine(line);
        }

        return 0;
    }

    private static double Best(int repeats, Action action)
    {
        var best = double.MaxValue;
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
        }

        return best;
    }
}
