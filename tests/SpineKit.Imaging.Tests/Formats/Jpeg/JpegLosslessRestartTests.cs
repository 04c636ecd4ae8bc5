using SpineKit.Imaging.Formats.Jpeg;

namespace SpineKit.Imaging.Tests.Formats.Jpeg;

/// <summary>
/// Lossless scans with restart intervals (which DCMTK cannot write): a minimal process-14 encoder in the test
/// codes known samples, so the decoder is checked against those samples, not against itself.
/// </summary>
public sealed class JpegLosslessRestartTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 2)]
    [InlineData(7, 3)]
    public void RestartEveryFewRows_ReproducesTheSamples(int predictor, int rowsPerInterval)
    {
        const int width = 23;
        const int height = 17;
        var random = new Random(predictor * 100 + rowsPerInterval);
        var samples = new int[width * height];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = Math.Clamp(2048 + (int)(1500 * Math.Sin(i % width / 3.0) * Math.Cos(i / width / 4.0)) + random.Next(-40, 41), 0, 4095);
        }

        var jpeg = Encode(samples, width, height, predictor, width * rowsPerInterval);
        var image = Assert.IsType<Image<ushort>>(JpegDecoder.Decode(jpeg, JpegDecoderOptions.Raw));

        Assert.Equal(width * rowsPerInterval, JpegDecoder.Identify(jpeg).RestartInterval);
        Assert.Equal(samples.Select(v => (ushort)v).ToArray(), image.Pixels);
    }

    private static byte[] Encode(int[] samples, int width, int height, int predictor, int restartInterval)
    {
        const int precision = 12;
        var output = new List<byte> { 0xFF, 0xD8 };
        output.AddRange([0xFF, 0xC3, 0, 11, precision, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0]);

        // Categories 0..16 all get 5-bit codes: symbol s is code s.
        output.AddRange([0xFF, 0xC4, 0, 3 + 16 + 17, 0x00, 0, 0, 0, 0, 17, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        for (var s = 0; s <= 16; s++)
        {
            output.Add((byte)s);
        }

        output.AddRange([0xFF, 0xDD, 0, 4, (byte)(restartInterval >> 8), (byte)restartInterval]);
        output.AddRange([0xFF, 0xDA, 0, 8, 1, 1, 0x00, (byte)predictor, 0, 0]);

        var writer = new BitWriter(output);
        var firstRow = 0;
        var restarts = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            if (i > 0 && i % restartInterval == 0)
            {
                writer.Flush();
                output.AddRange([0xFF, (byte)(0xD0 + (restarts++ % 8))]);
                firstRow = i / width;
            }

            var x = i % width;
            var y = i / width;
            int prediction;
            if (i % restartInterval == 0)
            {
                prediction = 1 << (precision - 1);
            }
            else if (y == firstRow)
            {
                prediction = samples[i - 1];
            }
            else if (x == 0)
            {
                prediction = samples[i - width];
            }
            else
            {
                int a = samples[i - 1], b = samples[i - width], c = samples[i - width - 1];
                prediction = predictor switch
                {
                    1 => a,
                    2 => b,
                    3 => c,
                    4 => a + b - c,
                    5 => a + ((b - c) >> 1),
                    6 => b + ((a - c) >> 1),
                    _ => (a + b) >> 1,
                };
            }

            var difference = (short)(samples[i] - prediction);
            var category = difference == 0 ? 0 : 32 - int.LeadingZeroCount(Math.Abs((int)difference));
            writer.Write(category, 5);
            writer.Write(difference < 0 ? difference + (1 << category) - 1 : difference, category);
        }

        writer.Flush();
        output.AddRange([0xFF, 0xD9]);
        return [.. output];
    }

    private sealed class BitWriter(List<byte> output)
    {
        private int buffer;
        private int count;

        public void Write(int value, int bits)
        {
            for (var i = bits - 1; i >= 0; i--)
            {
                buffer = (buffer << 1) | ((value >> i) & 1);
                if (++count == 8)
                {
                    Emit();
                }
            }
        }

        public void Flush()
        {
            while (count != 0)
            {
                Write(1, 1);
            }
        }

        private void Emit()
        {
            output.Add((byte)buffer);
            if (buffer == 0xFF)
            {
                output.Add(0x00);
            }

            buffer = 0;
            count = 0;
        }
    }
}
