namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>Converts DICOM YBR colour samples to RGB (PS3.3 C.7.6.3.1.2, full-range ITU-R BT.601).</summary>
internal static class DicomColorConverter
{
    /// <summary>
    /// Converts interleaved YBR samples to RGB in place; <paramref name="max"/> is the sample maximum. Follows dcmtk
    /// so native colour matches its output: offsets of max/2 rather than 128, and for 8-bit YBR_FULL its integer
    /// lookup tables (<paramref name="truncateTerms"/>), which truncate each term before summing.
    /// </summary>
    public static void YbrToRgb(int[] samples, int max, bool truncateTerms)
    {
        for (var i = 0; i < samples.Length; i += 3)
        {
            int y = samples[i], cb = samples[i + 1], cr = samples[i + 2];
            if (truncateTerms)
            {
                samples[i] = Math.Clamp(y + (int)((1.4020 * cr) - (0.7010 * max)), 0, max);
                samples[i + 1] = Math.Clamp(y - (int)(0.3441 * cb) - (int)((0.7141 * cr) - (0.5291 * max)), 0, max);
                samples[i + 2] = Math.Clamp(y + (int)((1.7720 * cb) - (0.8859 * max)), 0, max);
            }
            else
            {
                samples[i] = (int)Math.Clamp(y + (1.4020 * cr) - (0.7010 * max), 0, max);
                samples[i + 1] = (int)Math.Clamp(y - (0.3441 * cb) - (0.7141 * cr) + (0.5291 * max), 0, max);
                samples[i + 2] = (int)Math.Clamp(y + (1.7720 * cb) - (0.8859 * max), 0, max);
            }
        }
    }

    /// <summary>
    /// Expands native YBR_FULL_422 data (each pair of pixels stored as Y1 Y2 Cb Cr) to interleaved YBR_FULL.
    /// </summary>
    public static int[] Expand422(ReadOnlySpan<byte> source, int rows, int columns)
    {
        var output = new int[rows * columns * 3];
        var at = 0;
        for (var y = 0; y < rows; y++)
        {
            for (var x = 0; x < columns; x += 2)
            {
                int y1 = source[at], y2 = source[at + 1], cb = source[at + 2], cr = source[at + 3];
                at += 4;
                var pixel = ((y * columns) + x) * 3;
                (output[pixel], output[pixel + 1], output[pixel + 2]) = (y1, cb, cr);
                if (x + 1 < columns)
                {
                    (output[pixel + 3], output[pixel + 4], output[pixel + 5]) = (y2, cb, cr);
                }
            }
        }

        return output;
    }
}
