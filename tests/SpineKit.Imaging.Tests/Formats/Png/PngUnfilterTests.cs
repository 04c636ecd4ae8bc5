using SpineKit.Imaging.Formats.Png;
using SpineKit.Imaging.Tests.Kernels;

namespace SpineKit.Imaging.Tests.Formats.Png;

public sealed class PngUnfilterTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(8)]
    public void EveryFilterInvertsAsTheStandardDefinesIt(int stride)
    {
        var random = new Random(stride);
        foreach (var length in new[] { stride, stride + 1, 63, 64, 65, 200, 3001 })
        {
            var filtered = new byte[length];
            var previous = new byte[length];
            random.NextBytes(filtered);
            random.NextBytes(previous);
            for (var filter = 0; filter <= 4; filter++)
            {
                var row = (byte[])filtered.Clone();
                PngUnfilter.Apply(filter, row, previous, stride, 0);
                Assert.Equal(Reference(filter, filtered, previous, stride), row);
            }
        }
    }

    [Fact]
    public void TheUpFilterIsTheSameOnEveryPath()
    {
        var random = new Random(21);
        foreach (var length in new[] { 1, 31, 32, 33, 64, 100, 3000 })
        {
            var filtered = new byte[length];
            var previous = new byte[length];
            random.NextBytes(filtered);
            random.NextBytes(previous);
            foreach (var path in ForcedPaths.All)
            {
                var row = (byte[])filtered.Clone();
                PngUnfilter.AddUp(row, previous, path);
                Assert.Equal(Reference(2, filtered, previous, 1), row);
            }
        }
    }

    /// <summary>ISO/IEC 15948 section 9.2 and 9.4, byte by byte: Recon(x) = Filt(x) + predictor(a, b, c) mod 256.</summary>
    private static byte[] Reference(int filter, byte[] filtered, byte[] previous, int stride)
    {
        var recon = new byte[filtered.Length];
        for (var i = 0; i < filtered.Length; i++)
        {
            int a = i >= stride ? recon[i - stride] : 0, b = previous[i], c = i >= stride ? previous[i - stride] : 0;
            var predictor = filter switch
            {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                _ => PaethPredictor(a, b, c),
            };
            recon[i] = (byte)(filtered[i] + predictor);
        }

        return recon;
    }

    // The standard's pseudocode, as written there.
    private static int PaethPredictor(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc)
        {
            return a;
        }

        return pb <= pc ? b : c;
    }
}
