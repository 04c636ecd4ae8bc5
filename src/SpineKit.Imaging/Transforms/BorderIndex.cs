namespace SpineKit.Imaging.Transforms;

/// <summary>Maps an index outside [0, length) onto the source index a <see cref="BorderMode"/> reads, or -1 for a constant.</summary>
internal static class BorderIndex
{
    /// <summary>The source index for <paramref name="index"/>, or -1 when the border value applies.</summary>
    public static int Resolve(int index, int length, BorderMode mode)
    {
        if ((uint)index < (uint)length)
        {
            return index;
        }

        switch (mode)
        {
            case BorderMode.Edge:
                return index < 0 ? 0 : length - 1;
            case BorderMode.Reflect:
                if (length == 1)
                {
                    return 0;
                }

                var period = 2 * (length - 1);
                var folded = index % period;
                if (folded < 0)
                {
                    folded += period;
                }

                return folded < length ? folded : period - folded;
            default:
                return -1;
        }
    }
}
