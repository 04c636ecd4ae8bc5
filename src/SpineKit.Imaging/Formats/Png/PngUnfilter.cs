namespace SpineKit.Imaging.Formats.Png;

/// <summary>Reverses the five PNG scanline filters in place (ISO 15948 section 9).</summary>
internal static class PngUnfilter
{
    /// <summary>
    /// Unfilters <paramref name="row"/> given the already unfiltered <paramref name="previous"/> row (all zeros for the
    /// first row of a pass, same length); <paramref name="stride"/> is the bytes per complete pixel, at least one.
    /// </summary>
    public static void Apply(int filter, Span<byte> row, ReadOnlySpan<byte> previous, int stride, long offset)
    {
        // The first pixel has no left neighbour (treated as 0), so each filter splits into a head and a body loop.
        var head = Math.Min(stride, row.Length);
        switch (filter)
        {
            case 0:
                break;
            case 1:
                for (var i = stride; i < row.Length; i++)
                {
                    row[i] += row[i - stride];
                }

                break;
            case 2:
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] += previous[i];
                }

                break;
            case 3:
                for (var i = 0; i < head; i++)
                {
                    row[i] += (byte)(previous[i] >> 1);
                }

                for (var i = stride; i < row.Length; i++)
                {
                    row[i] += (byte)((row[i - stride] + previous[i]) >> 1);
                }

                break;
            case 4:
                for (var i = 0; i < head; i++)
                {
                    row[i] += previous[i];
                }

                for (var i = stride; i < row.Length; i++)
                {
                    row[i] += Paeth(row[i - stride], previous[i], previous[i - stride]);
                }

                break;
            default:
                throw new ImageFormatException("PNG", $"unknown scanline filter type {filter}", offset);
        }
    }

    /// <summary>The Paeth predictor: whichever neighbour is closest to left + up - upLeft.</summary>
    public static byte Paeth(int left, int up, int upLeft)
    {
        var distanceLeft = Math.Abs(up - upLeft);
        var distanceUp = Math.Abs(left - upLeft);
        var distanceUpLeft = Math.Abs(left + up - upLeft - upLeft);
        if (distanceLeft <= distanceUp && distanceLeft <= distanceUpLeft)
        {
            return (byte)left;
        }

        return distanceUp <= distanceUpLeft ? (byte)up : (byte)upLeft;
    }
}
