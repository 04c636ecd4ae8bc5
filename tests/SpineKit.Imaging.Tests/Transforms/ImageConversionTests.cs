using SpineKit.Imaging.Kernels;
using SpineKit.Imaging.Tests.Kernels;
using SpineKit.Imaging.Transforms;

namespace SpineKit.Imaging.Tests.Transforms;

public class ImageConversionTests
{
    [Fact]
    public void BytesScaleByTheirBitDepthAndRoundTrip()
    {
        var pixels = new byte[300];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i % 256);
        }

        var image = new Image<byte>(100, 1, 3, pixels);
        var floats = ImageConversion.ToFloat(image);

        Assert.Equal(3, floats.Channels);
        Assert.Equal(0f, floats.Pixels[0]);
        Assert.Equal(1f, floats.Pixels[255]);
        Assert.Equal(128 / 255f, floats.Pixels[128]);
        Assert.Equal(pixels, ImageConversion.ToByte(floats).Pixels);
    }

    [Fact]
    public void TwelveBitSamplesMapTheirMaximumToOne()
    {
        var image = new Image<ushort>(2, 1, 1, [4095, 2048], bitDepth: 12);

        var floats = ImageConversion.ToFloat(image);

        Assert.Equal(1f, floats.Pixels[0]);
        Assert.Equal(2048 / 4095f, floats.Pixels[1], 7);
        Assert.Equal(new ushort[] { 4095, 2048 }, ImageConversion.ToUInt16(floats, 12).Pixels);
    }

    [Fact]
    public void FloatToByteClampsRoundsAndZeroesNaN()
    {
        var image = new Image<float>(6, 1, 1, [-0.5f, 1.7f, float.NaN, 0.5f / 255f, 1.5f / 255f, 0.2f]);

        var bytes = ImageConversion.ToByte(image).Pixels;

        // 0.5 and 1.5 are ties; rounding is to even like Math.Round.
        Assert.Equal(new byte[] { 0, 255, 0, 0, 2, 51 }, bytes);
    }

    [Fact]
    public void SimdConversionsMatchTheScalarReference()
    {
        var random = new Random(7);
        var bytes = new byte[1000];
        random.NextBytes(bytes);
        var words = new ushort[1000];
        var floats = new float[1000];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = (ushort)random.Next(65536);
            floats[i] = (random.NextSingle() * 1.4f) - 0.2f;
        }

        floats[100] = float.NaN;
        floats[101] = float.PositiveInfinity;
        floats[102] = float.NegativeInfinity;

        foreach (var path in ForcedPaths.All)
        {
            var fast = new float[1000];
            var slow = new float[1000];
            SampleConversion.ByteToFloat(bytes, fast, 1 / 255f, path);
            SampleConversionReference.ByteToFloat(bytes, slow, 1 / 255f);
            Assert.True(slow.AsSpan().SequenceEqual(fast), $"bytes to floats on {path}");

            SampleConversion.UInt16ToFloat(words, fast, 1 / 65535f, path);
            SampleConversionReference.UInt16ToFloat(words, slow, 1 / 65535f);
            Assert.True(slow.AsSpan().SequenceEqual(fast), $"words to floats on {path}");

            var fastBytes = new byte[1000];
            var slowBytes = new byte[1000];
            SampleConversion.FloatToByte(floats, fastBytes, path);
            SampleConversionReference.FloatToByte(floats, slowBytes);
            Assert.True(slowBytes.AsSpan().SequenceEqual(fastBytes), $"floats to bytes on {path}");
        }
    }

    [Fact]
    public void TableLookupsMatchTheScalarDefinitionOnEveryPath()
    {
        var random = new Random(13);
        var bytes = new byte[1003];
        random.NextBytes(bytes);
        var words = new ushort[1003];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = (ushort)random.Next(65536);
        }

        // Distinct values per entry, so a lookup of a wrong entry (a misread or shifted sample) cannot pass.
        var byteTable = Enumerable.Range(0, 256).Select(v => (v * 0.37f) - 11f).ToArray();
        var wordTable = Enumerable.Range(0, 65536).Select(v => MathF.Sqrt(v) - 7f).ToArray();
        foreach (var path in ForcedPaths.All)
        {
            var fast = new float[bytes.Length];
            SampleConversion.ByteLookup(bytes, byteTable, fast, path);
            Assert.Equal(bytes.Select(b => byteTable[b]), fast);

            SampleConversion.UInt16Lookup(words, wordTable, fast, path);
            Assert.Equal(words.Select(w => wordTable[w]), fast);
        }

        Assert.Throws<ArgumentException>(() => SampleConversion.ByteLookup(bytes, byteTable.AsSpan(0, 255), new float[bytes.Length]));
        Assert.Throws<ArgumentException>(() => SampleConversion.UInt16Lookup(words, wordTable, new float[10]));
    }
}
