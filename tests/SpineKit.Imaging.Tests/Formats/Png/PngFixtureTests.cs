using SpineKit.Imaging.Formats.Png;

namespace SpineKit.Imaging.Tests.Formats.Png;

/// <summary>
/// Decodes PNGs written by ImageMagick (libpng) and Pillow (see Fixtures/Png/generate.py) and compares every
/// sample with the values those tools were given.
/// </summary>
public sealed class PngFixtureTests
{
    public static TheoryData<string> Cases() => new(Names());

    private static IEnumerable<string> Names() =>
        Directory.GetFiles(Fixtures.Folder("Png"), "*.png").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal);

    [Fact]
    public void EveryColourTypeBitDepthAndInterlaceIsCovered()
    {
        var names = Names().ToHashSet();
        foreach (var expected in new[]
        {
            "grey1", "grey2", "grey4", "grey8", "grey16", "grey1-adam7", "grey16-adam7", "rgb8", "rgb16-adam7",
            "greyalpha8", "greyalpha16", "rgba8", "rgba16-adam7", "palette1", "palette2", "palette4", "palette8",
            "palette8-trns", "palette8-adam7", "grey8-trns", "rgb8-trns", "grey8-adam7-1x1",
        })
        {
            Assert.Contains(expected, names);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DecodesExactlyWhatTheIndependentEncoderWasGiven(string name)
    {
        var expected = File.ReadAllText(Fixtures.PathOf("Png", name + ".txt"))
            .Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Select(int.Parse)
            .ToArray();
        var (width, height, channels, depth) = (expected[0], expected[1], expected[2], expected[3]);
        var samples = expected[4..];

        var image = PngDecoder.Decode(File.ReadAllBytes(Fixtures.PathOf("Png", name + ".png")));

        Assert.Equal((width, height, channels), (image.Width, image.Height, image.Channels));
        int[] actual = depth == 16
            ? Assert.IsType<Image<ushort>>(image).Pixels.Select(v => (int)v).ToArray()
            : Assert.IsType<Image<byte>>(image).Pixels.Select(v => (int)v).ToArray();
        Assert.Equal(samples, actual);
    }
}
