using System.Globalization;
using System.Security.Cryptography;
using SpineKit.Imaging.Formats.Jpeg;
using SpineKit.Imaging.Formats.Png;
using SpineKit.TestSupport;

namespace SpineKit.Imaging.Tests.Formats.Jpeg;

/// <summary>
/// The AASCE radiographs against the decodes libjpeg-turbo (via Pillow) made of them: full reference images
/// for nine files, and size, mean and a pixel hash for all 481.
/// </summary>
[Trait("Category", SharedData.Category)]
public sealed class JpegAasceReferenceTests
{
    private const string Images = "datasets/aasce-train/images";
    private const string References = "datasets/aasce-train/reference-decodes";

    public static TheoryData<string> ReferencePngs()
    {
        var data = new TheoryData<string>();
        foreach (var png in Directory.EnumerateFiles(SharedData.PathOf(References), "*.png").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(png));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReferencePngs))]
    public void Decode_MatchesReferencePng(string name)
    {
        var decoded = Assert.IsType<Image<byte>>(JpegDecoder.DecodeFile(SharedData.PathOf($"{Images}/{name}.jpg")));
        var reference = Assert.IsType<Image<byte>>(PngDecoder.Decode(File.ReadAllBytes(SharedData.PathOf($"{References}/{name}.png"))));

        Assert.Equal((reference.Width, reference.Height, reference.Channels), (decoded.Width, decoded.Height, decoded.Channels));
        var worst = 0;
        for (var i = 0; i < reference.Pixels.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(reference.Pixels[i] - decoded.Pixels[i]));
        }

        Assert.True(worst <= 1, $"{name}: largest difference {worst} grey levels");
    }

    [Fact]
    public void Decode_AllImagesMatchReferenceStatistics()
    {
        var statistics = File.ReadLines(SharedData.PathOf($"{References}/stats.csv")).Skip(1).Select(Parse).ToList();
        Assert.Equal(481, statistics.Count);
        var failures = new List<string>();
        var exact = 0;
        foreach (var (file, width, height, mean, sha256) in statistics)
        {
            var image = Assert.IsType<Image<byte>>(JpegDecoder.DecodeFile(SharedData.PathOf($"{Images}/{file}")));
            var actualMean = image.Pixels.Sum(p => (long)p) / (double)image.Pixels.Length;
            if (image.Width != width || image.Height != height || Math.Abs(actualMean - mean) > 0.05)
            {
                failures.Add($"{file}: {image.Width}x{image.Height} mean {actualMean:F4}, expected {width}x{height} mean {mean:F4}");
            }

            exact += Convert.ToHexStringLower(SHA256.HashData(image.Pixels)) == sha256 ? 1 : 0;
        }

        Assert.Empty(failures);

        // The islow IDCT is reproduced exactly, so every decode should be byte-identical to libjpeg-turbo's.
        Assert.Equal(statistics.Count, exact);
    }

    private static (string File, int Width, int Height, double Mean, string Sha256) Parse(string line)
    {
        var close = line.LastIndexOf('"');
        var file = line[1..close];
        var fields = line[(close + 2)..].Split(',');
        return (
            file,
            int.Parse(fields[0], CultureInfo.InvariantCulture),
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            double.Parse(fields[2], CultureInfo.InvariantCulture),
            fields[4].Trim());
    }
}
