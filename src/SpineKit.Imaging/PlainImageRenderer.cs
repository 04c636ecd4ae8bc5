namespace SpineKit.Imaging;

/// <summary>Renderings of PNG and JPEG pixels (no modality transform): grey, display and 16-bit views.</summary>
internal static class PlainImageRenderer
{
    /// <summary>Grey in [0, 1]: the grey channel, or BT.601 luma of RGB; alpha is ignored.</summary>
    public static Image<float> Grayscale(Image image)
    {
        var max = Maximum(image);

        // Every sample is written below; a full-spine film's grey is 80 MB not worth zeroing first.
        var output = GC.AllocateUninitializedArray<float>(image.PixelCount);
        switch (image)
        {
            // One typed pass per sample type (a full-spine film has 20 million pixels): grey through a table of
            // every sample value's result, colour through the luma weights; the values are those of Luma / max.
            case Image<byte> bytes:
                Grayscale(bytes.Pixels, image.Channels, max, output);
                break;
            case Image<ushort> words:
                Grayscale(words.Pixels, image.Channels, max, output);
                break;
            default:
                throw new ArgumentException($"Unsupported sample type {image.GetType().Name}.", nameof(image));
        }

        return new Image<float>(image.Width, image.Height, 1, output);
    }

    /// <summary>Grey images with at least this many samples per core are converted on several cores.</summary>
    private const int ParallelChunk = 1 << 22;

    private static void Grayscale<T>(T[] samples, int channels, double max, float[] output)
        where T : unmanaged, System.Numerics.IUnsignedNumber<T>, System.Numerics.IMinMaxValue<T>
    {
        if (channels >= 3)
        {
            for (var p = 0; p < output.Length; p++)
            {
                var at = p * channels;
                output[p] = (float)(((0.299 * int.CreateTruncating(samples[at])) + (0.587 * int.CreateTruncating(samples[at + 1])) + (0.114 * int.CreateTruncating(samples[at + 2]))) / max);
            }

            return;
        }

        var table = new float[int.CreateTruncating(T.MaxValue) + 1];
        for (var v = 0; v < table.Length; v++)
        {
            table[v] = (float)(v / max);
        }

        if (channels == 1 && (samples is byte[] || samples is ushort[]))
        {
            // A full-spine film's 20 million lookups are split over the cores (a chunk per four million samples);
            // every sample is looked up alike, so the split does not change a value.
            var chunks = (int)Math.Min(Environment.ProcessorCount, Math.Max(1, output.Length / ParallelChunk));
            var length = (output.Length + chunks - 1) / chunks;
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, c =>
            {
                var from = c * length;
                var count = Math.Min(length, output.Length - from);
                if (samples is byte[] bytes)
                {
                    Kernels.SampleConversion.ByteLookup(bytes.AsSpan(from, count), table, output.AsSpan(from, count));
                }
                else
                {
                    Kernels.SampleConversion.UInt16Lookup(((ushort[])(object)samples).AsSpan(from, count), table, output.AsSpan(from, count));
                }
            });
            return;
        }

        for (var p = 0; p < output.Length; p++)
        {
            output[p] = table[int.CreateTruncating(samples[p * channels])];
        }
    }

    /// <summary>
    /// 8-bit display: grey (1 channel) or RGB (3), alpha dropped. With <paramref name="window"/> the samples pass a
    /// LINEAR window; else 8-bit data is kept and deeper data is stretched min-max.
    /// </summary>
    public static Image<byte> Display(Image image, VoiWindow? window)
    {
        var channels = image.Channels >= 3 ? 3 : 1;
        var samples = Samples(image, channels);
        Func<double, double> map;
        if (window is { } w)
        {
            map = x => Formats.Dicom.DicomVoiTransform.Window(x, w, Formats.Dicom.DicomVoiFunction.Linear) * 255;
        }
        else if (image.BitDepth <= 8)
        {
            map = x => x;
        }
        else
        {
            var (min, max) = (samples.Min(), samples.Max());
            map = max > min ? x => (x - min) * 255.0 / (max - min) : _ => 0;
        }

        var output = new byte[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            output[i] = (byte)Math.Clamp(Math.Round(map(samples[i])), 0, 255);
        }

        return new Image<byte>(image.Width, image.Height, channels, output, 8);
    }

    /// <summary>16 bits: samples scaled from their bit depth to the full 16-bit range (alpha dropped).</summary>
    public static Image<ushort> Render16(Image image)
    {
        var channels = image.Channels >= 3 ? 3 : 1;
        var samples = Samples(image, channels);
        var scale = 65535.0 / Maximum(image);
        var output = new ushort[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            output[i] = (ushort)Math.Round(samples[i] * scale);
        }

        return new Image<ushort>(image.Width, image.Height, channels, output, 16);
    }

    private static double Maximum(Image image) => (1 << Math.Min(image.BitDepth, 16)) - 1;

    private static int Sample(Image image, int index) => image switch
    {
        Image<byte> bytes => bytes.Pixels[index],
        Image<ushort> words => words.Pixels[index],
        _ => throw new ArgumentException($"Unsupported sample type {image.GetType().Name}.", nameof(image)),
    };

    private static int[] Samples(Image image, int channels)
    {
        var output = new int[image.PixelCount * channels];
        for (var p = 0; p < image.PixelCount; p++)
        {
            for (var c = 0; c < channels; c++)
            {
                output[(p * channels) + c] = Sample(image, (p * image.Channels) + c);
            }
        }

        return output;
    }
}
