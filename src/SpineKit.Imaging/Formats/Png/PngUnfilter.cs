namespace SpineKit.Imaging.Formats.Png;

/// <summary>Reverses the five PNG scanline filters in place (ISO 15948 section 9).</summary>
internal static class PngUnfilter
{
    /// <summary>
    /// Unfilters <paramref name="row"/> given the already unfiltered <paramref name="previous"/> row (empty for the
    /// first row of a pass); <paramref name="stride"/> is the bytes per complete pixel, at least one.
    /// </summary>
    public static void Apply(int filter, Span<byte> row, ReadOnlySpan<byte> previous, int stride, long offset)
    {
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
                if (!previous.IsEmpty)
                {
                    for (var i = 0; i < row.Length; i++)
                    {
                        row[i] += previous[i];
                    }
                }

                break;
            case 3:
                for (var i = 0; i < row.Length; i++)
                {
                    var left = i >= stride ? row[i - stride] : 0;
                    var up = previous.IsEmpty ? 0 : previous[i];
                    row[i] += (byte)((left + up) >> 1);
                }

                break;
            case 4:
                for (var i = 0; i < row.Length; i++)
                {
                    var left = i >= stride ? row[i - stride] : 0;
                    var up = previous.IsEmpty ? 0 : previous[i];
                    var upLeft = i >= stride && !previous.IsEmpty ? previous[i - stride] : 0;
                    row[i] += Paeth(left, up, upLeft);
                }

                break;
            default:
                throw new ImageFormatException("PNG", $"unknown scanline filter type {filter}", offset);
        }
    }

    /// <summary>The Paeth predictor: whichever neighbour is closest to left + up - upLeft.</summary>
    public static byte Paeth(int left, int up, int upLeft)
    {
        var estimate = left + up - upLeft;
        var distanceLeft = Math.Abs(estimate - left);
        var distanceUp = Math.Abs(estimate - up);
        var distanceUpLeft = Math.Abs(estimate - upLeft);
        if (distanceLeft <= distanceUp && distanceLeft <= distanceUpLeft)
        {
            return (byte)left;
        }

        return distanceUp <= distanceUpLeft ? (byte)up : (byte)upLeft;
    }
}
