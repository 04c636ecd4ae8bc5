namespace SpineKit.Imaging.Formats.Png;

/// <summary>Applies one PNG scanline filter for the encoder (the inverse of <see cref="PngUnfilter"/>).</summary>
internal static class PngFilter
{
    /// <summary>
    /// Writes the filter byte and the filtered <paramref name="row"/> into <paramref name="output"/> and returns the
    /// sum of the filtered bytes read as signed values, the usual heuristic for which filter compresses best.
    /// <paramref name="previous"/> is the row above (all zeros for the first row).
    /// </summary>
    public static long Apply(int filter, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int stride, Span<byte> output)
    {
        output[0] = (byte)filter;
        var filtered = output[1..];
        var length = filtered.Length;
        var head = Math.Min(stride, length);
        switch (filter)
        {
            case 0:
                row[..length].CopyTo(filtered);
                break;
            case 1:
                row[..head].CopyTo(filtered);
                for (var i = stride; i < length; i++)
                {
                    filtered[i] = (byte)(row[i] - row[i - stride]);
                }

                break;
            case 2:
                for (var i = 0; i < length; i++)
                {
                    filtered[i] = (byte)(row[i] - previous[i]);
                }

                break;
            case 3:
                for (var i = 0; i < head; i++)
                {
                    filtered[i] = (byte)(row[i] - (previous[i] >> 1));
                }

                for (var i = stride; i < length; i++)
                {
                    filtered[i] = (byte)(row[i] - ((row[i - stride] + previous[i]) >> 1));
                }

                break;
            default:
                for (var i = 0; i < head; i++)
                {
                    filtered[i] = (byte)(row[i] - previous[i]);
                }

                for (var i = stride; i < length; i++)
                {
                    filtered[i] = (byte)(row[i] - PngUnfilter.Paeth(row[i - stride], previous[i], previous[i - stride]));
                }

                break;
        }

        long score = 0;
        foreach (var value in filtered)
        {
            score += Math.Abs((int)(sbyte)value);
        }

        return score;
    }
}
