namespace SpineKit.Imaging.Formats.Png;

/// <summary>Applies one PNG scanline filter for the encoder (the inverse of <see cref="PngUnfilter"/>).</summary>
internal static class PngFilter
{
    /// <summary>
    /// Writes the filter byte and the filtered <paramref name="row"/> into <paramref name="output"/> and returns the
    /// sum of the filtered bytes read as signed values, the usual heuristic for which filter compresses best.
    /// </summary>
    public static long Apply(int filter, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int stride, Span<byte> output)
    {
        output[0] = (byte)filter;
        long score = 0;
        var length = output.Length - 1;
        for (var i = 0; i < length; i++)
        {
            int left = i >= stride ? row[i - stride] : 0;
            int up = previous.IsEmpty ? 0 : previous[i];
            int upLeft = i >= stride && !previous.IsEmpty ? previous[i - stride] : 0;
            var predicted = filter switch
            {
                0 => 0,
                1 => left,
                2 => up,
                3 => (left + up) >> 1,
                _ => PngUnfilter.Paeth(left, up, upLeft),
            };
            var value = (byte)(row[i] - predicted);
            output[i + 1] = value;
            score += Math.Abs((int)(sbyte)value);
        }

        return score;
    }
}
