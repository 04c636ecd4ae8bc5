using System.Diagnostics;
using SpineKit.Imaging.Formats.Jpeg;

namespace SpineKit.Imaging.Tests.Formats.Jpeg;

/// <summary>
/// Seeded mutation fuzzing of committed fixtures: truncation, bit flips, overwritten bytes and corrupted segment
/// lengths. Every case must end in an image or an <see cref="ImageFormatException"/> that names a byte offset,
/// never another exception, and quickly.
/// </summary>
public sealed class JpegFuzzTests
{
    private static readonly string[] Seeds =
    [
        "gray-baseline.jpg",
        "gray-restart.jpg",
        "color-420.jpg",
        "color-420-progressive.jpg",
        "color-420-restart.jpg",
        "color-noninterleaved.jpg",
        "extended-12.jpg",
        "lossless-16-sv1.jpg",
        "lossless-12-sv4-pt2.jpg",
        "gray-orientation-6.jpg",
    ];

    [Fact]
    public void MutatedFiles_DecodeOrFailWithImageFormatException()
    {
        var random = new Random(424242);
        var originals = Seeds.Select(JpegFixtures.Bytes).ToArray();
        var decoded = 0;
        var rejected = 0;
        var slowest = TimeSpan.Zero;
        const int cases = 2400;
        for (var i = 0; i < cases; i++)
        {
            var original = originals[i % originals.Length];
            var (mutant, description) = Mutate(original, random);
            var clock = Stopwatch.StartNew();
            try
            {
                _ = JpegDecoder.Identify(mutant);
            }
            catch (ImageFormatException)
            {
            }
            catch (Exception other)
            {
                Assert.Fail($"case {i} ({Seeds[i % Seeds.Length]}, {description}): Identify threw {other.GetType().Name}: {other.Message}");
            }

            try
            {
                var image = JpegDecoder.Decode(mutant);
                Assert.True(image.PixelCount > 0);
                decoded++;
            }
            catch (ImageFormatException error)
            {
                Assert.Equal("JPEG", error.Format);
                Assert.True(error.Offset is >= 0, $"case {i} ({description}): no offset in '{error.Message}'");
                Assert.Contains("at byte", error.Message, StringComparison.Ordinal);
                rejected++;
            }
            catch (Exception other)
            {
                Assert.Fail($"case {i} ({Seeds[i % Seeds.Length]}, {description}): threw {other.GetType().Name}: {other}");
            }

            slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
        }

        // Both outcomes must occur, or the mutations are not reaching the decoder.
        Assert.True(decoded > cases / 10, $"only {decoded} mutants decoded");
        Assert.True(rejected > cases / 10, $"only {rejected} mutants rejected");
        Assert.True(slowest < TimeSpan.FromSeconds(5), $"slowest case took {slowest}");
    }

    private static (byte[] Data, string Description) Mutate(byte[] original, Random random)
    {
        var data = (byte[])original.Clone();
        switch (random.Next(5))
        {
            case 0:
                var length = random.Next(0, data.Length);
                return (data[..length], $"truncated to {length}");
            case 1:
                var flips = random.Next(1, 9);
                for (var f = 0; f < flips; f++)
                {
                    var at = random.Next(data.Length);
                    data[at] ^= (byte)(1 << random.Next(8));
                }

                return (data, $"{flips} bit flips");
            case 2:
                var bytes = random.Next(1, 5);
                for (var b = 0; b < bytes; b++)
                {
                    data[random.Next(data.Length)] = random.Next(3) switch
                    {
                        0 => 0xFF,
                        1 => (byte)random.Next(0xC0, 0xFF),
                        _ => (byte)random.Next(256),
                    };
                }

                return (data, $"{bytes} bytes overwritten");
            case 3:
                // Corrupt the length field of a random marker segment.
                var markers = new List<int>();
                for (var p = 2; p + 3 < data.Length; p++)
                {
                    if (data[p] == 0xFF && data[p + 1] is >= 0xC0 and <= 0xFE and not 0xD8 and not 0xD9 and not (>= 0xD0 and <= 0xD7))
                    {
                        markers.Add(p);
                    }
                }

                var marker = markers[random.Next(markers.Count)];
                var value = random.Next(4) switch
                {
                    0 => 0,
                    1 => random.Next(0, 8),
                    2 => 0xFFFF,
                    _ => ((data[marker + 2] << 8) | data[marker + 3]) + random.Next(-6, 7),
                };
                data[marker + 2] = (byte)(value >> 8);
                data[marker + 3] = (byte)value;
                return (data, $"length of FF{data[marker + 1]:X2} at {marker} set to {value}");
            default:
                // Change a frame or scan header field (dimensions, factors, table ids, spectral parameters).
                var header = data.AsSpan().IndexOf(random.Next(2) == 0 ? [(byte)0xFF, (byte)0xDA] : (byte[])[0xFF, (byte)random.Next(0xC0, 0xC4)]);
                if (header < 0)
                {
                    header = 2;
                }

                var field = Math.Min(data.Length - 1, header + 4 + random.Next(12));
                data[field] = (byte)random.Next(256);
                return (data, $"header byte {field} set to {data[field]}");
        }
    }
}
