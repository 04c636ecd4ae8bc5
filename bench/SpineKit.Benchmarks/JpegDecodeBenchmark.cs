using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using SpineKit.Imaging;
using SpineKit.Imaging.Formats.Jpeg;

namespace SpineKit.Benchmarks;

/// <summary>
/// <c>jpeg DIR</c>: decodes every JPEG in DIR on one thread and reports throughput; when DIR/../reference-decodes/stats.csv
/// exists, each decode is checked against it (exact size, mean within 0.05). Files are read before the clock starts.
/// </summary>
internal static class JpegDecodeBenchmark
{
    public const string Usage = "DIR  decode every JPEG in DIR single-threaded; check against ../reference-decodes/stats.csv";

    public static int Run(string[] args)
    {
        if (args.Length != 1 || !Directory.Exists(args[0]))
        {
            Console.Error.WriteLine($"usage: jpeg {Usage}");
            return 2;
        }

        var files = Directory.EnumerateFiles(args[0])
            .Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0)
        {
            Console.Error.WriteLine($"no JPEG files in {args[0]}");
            return 1;
        }

        var contents = files.Select(File.ReadAllBytes).ToArray();
        var statsPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(args[0]).TrimEnd(Path.DirectorySeparatorChar))!, "reference-decodes", "stats.csv");
        var stats = File.Exists(statsPath) ? ReadStats(statsPath) : null;

        JpegDecoder.Decode(contents[0]);
        var cpu = TimeSpan.Zero;
        var kernel = TimeSpan.Zero;
        var pauseBefore = GC.GetTotalPauseDuration();
        var clock = new Stopwatch();
        var megapixels = 0.0;
        var mismatches = 0;
        var exact = 0;
        for (var i = 0; i < contents.Length; i++)
        {
            // Only the decode is timed; each image is checked and dropped before the next one.
            var cpuBefore = Environment.CpuUsage.TotalTime;
            var kernelBefore = Environment.CpuUsage.PrivilegedTime;
            clock.Start();
            var decoded = JpegDecoder.Decode(contents[i]);
            clock.Stop();
            cpu += Environment.CpuUsage.TotalTime - cpuBefore;
            kernel += Environment.CpuUsage.PrivilegedTime - kernelBefore;
            megapixels += decoded.PixelCount / 1e6;
            if (stats is null)
            {
                continue;
            }

            if (!stats.TryGetValue(Path.GetFileName(files[i]), out var reference) || decoded is not Image<byte> image)
            {
                mismatches++;
                continue;
            }

            var mean = image.Pixels.Sum(p => (double)p) / image.Pixels.Length;
            if (image.Width != reference.Width || image.Height != reference.Height || Math.Abs(mean - reference.Mean) > 0.05)
            {
                mismatches++;
                Console.Error.WriteLine($"mismatch {Path.GetFileName(files[i])}: {image.Width}x{image.Height} mean {mean:F4}, expected {reference.Width}x{reference.Height} mean {reference.Mean:F4}");
            }

            exact += Convert.ToHexStringLower(SHA256.HashData(image.Pixels)) == reference.Sha256 ? 1 : 0;
        }

        Console.Error.WriteLine($"decode cpu time {cpu.TotalSeconds:F3} s ({kernel.TotalSeconds:F3} s in the kernel), GC pauses {(GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds:F3} s (timed decode wall {clock.Elapsed.TotalSeconds:F3} s; the machine may be shared)");
        if (stats is not null)
        {
            Console.Error.WriteLine($"{exact} of {files.Length} decodes are byte-identical to the reference (sha256)");
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"images\": {files.Length}, \"megapixels\": {megapixels:F3}, \"seconds\": {seconds:F3}, \"mpx_per_s\": {megapixels / seconds:F1}, \"stats_mismatches\": {(stats is null ? "null" : mismatches.ToString(CultureInfo.InvariantCulture))}}}"));
        return mismatches == 0 ? 0 : 1;
    }

    private static Dictionary<string, (int Width, int Height, double Mean, string Sha256)> ReadStats(string path)
    {
        var result = new Dictionary<string, (int, int, double, string)>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            // The file name is quoted (it contains spaces); the numeric columns follow the closing quote.
            var close = line.LastIndexOf('"');
            var name = close > 0 ? line[1..close] : line[..line.IndexOf(',')];
            var rest = line[(close > 0 ? close + 2 : name.Length + 1)..].Split(',');
            result[name] = (
                int.Parse(rest[0], CultureInfo.InvariantCulture),
                int.Parse(rest[1], CultureInfo.InvariantCulture),
                double.Parse(rest[2], CultureInfo.InvariantCulture),
                rest[4].Trim());
        }

        return result;
    }
}
