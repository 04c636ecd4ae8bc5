using System.Diagnostics;
using SpineKit.TestSupport;

namespace SpineKit.Imaging.Tests.Fuzzing;

/// <summary>
/// A file cut short anywhere must be refused, never decoded into a partial film that would then be measured (a cut
/// that loses only padding after the image data may decode, to exactly the whole file's pixels):
/// every prefix of small fixtures of each format (and a sample of prefixes of the real radiograph) goes through
/// <see cref="ImageReader.Read(ReadOnlySpan{byte}, int, ImageReadOptions?)"/>, each within a time and allocation bound.
/// </summary>
public sealed class TruncationTests
{
    public static TheoryData<string, string> SmallFiles => new()
    {
        { "Jpeg", "gray-baseline.jpg" },
        { "Jpeg", "color-420-progressive.jpg" },
        { "Jpeg", "color-420-restart.jpg" },
        { "Jpeg", "extended-12.jpg" },
        { "Png", "rgb8.png" },
        { "Png", "grey16-adam7.png" },
        { "Dicom", "mono2-u12.dcm" },
        { "Dicom", "mono2-u12-deflated.dcm" },
        { "Dicom", "mono2-u12-rle.dcm" },
        { "Dicom", "mono2-u12-jpeg-lossless-fragments.dcm" },
        { "Dicom", "mono2-u8-frames-jpeg-baseline.dcm" },
    };

    [Theory]
    [MemberData(nameof(SmallFiles))]
    public void EveryPrefixOfASmallFileIsRefused(string folder, string file)
    {
        var whole = File.ReadAllBytes(Fixtures.PathOf(folder, file));
        var complete = ImageReader.Read(whole).Pixels;
        for (var length = 0; length < whole.Length; length++)
        {
            RequireRefused(whole.AsSpan(0, length).ToArray(), $"{file} cut to {length} of {whole.Length} bytes", complete);
        }
    }

    [Fact]
    public void PrefixesOfTheRealRadiographAreRefused()
    {
        var whole = File.ReadAllBytes(RepositoryFiles.Sample);
        for (var length = 0; length < whole.Length; length += 211)
        {
            RequireRefused(whole.AsSpan(0, length).ToArray(), $"the sample cut to {length} of {whole.Length} bytes");
        }

        RequireRefused(whole.AsSpan(0, whole.Length - 1).ToArray(), "the sample without its last byte");
    }

    [Fact]
    public void APartialDecodeIsOnlyGivenWhenAskedFor()
    {
        var whole = File.ReadAllBytes(RepositoryFiles.Sample);
        var half = whole.AsSpan(0, whole.Length / 2).ToArray();
        Assert.Throws<ImageFormatException>(() => ImageReader.Read(half));

        var complete = (Image<byte>)ImageReader.Read(whole).Pixels;
        var partial = (Image<byte>)ImageReader.Read(half, 0, new ImageReadOptions { AcceptTruncated = true }).Pixels;

        // Same size; the first rows, whose data is all there, decode exactly as from the whole file.
        Assert.Equal((complete.Width, complete.Height), (partial.Width, partial.Height));
        Assert.True(complete.Row(10).SequenceEqual(partial.Row(10)));
        Assert.False(complete.Row(complete.Height - 10).SequenceEqual(partial.Row(partial.Height - 10)));
    }

    private static void RequireRefused(byte[] data, string what, Image? complete = null)
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        RadiographImage? decoded = null;
        var exception = Record.Exception(() => decoded = ImageReader.Read(data));
        var lostNothing = decoded is not null && complete is not null && SamePixels(decoded.Pixels, complete);
        Assert.True(exception is ImageFormatException || lostNothing, $"{what}: {(exception is null ? "decoded as if complete" : exception.GetType().Name + ": " + exception.Message)}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"{what}: took {clock.Elapsed.TotalSeconds:F1} s");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.True(allocated <= (16L << 20) + (1100L * data.Length), $"{what}: allocated {allocated} bytes");
    }

    private static bool SamePixels(Image a, Image b) => (a, b) switch
    {
        (Image<byte> x, Image<byte> y) => x.Width == y.Width && x.Height == y.Height && x.Pixels.AsSpan().SequenceEqual(y.Pixels),
        (Image<ushort> x, Image<ushort> y) => x.Width == y.Width && x.Height == y.Height && x.Pixels.AsSpan().SequenceEqual(y.Pixels),
        _ => false,
    };
}
