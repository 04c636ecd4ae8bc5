namespace SpineKit.Imaging.Transforms;

/// <summary>Left-right mirroring of row-major float planes (one channel per plane, any number of planes).</summary>
public static class MirrorRows
{
    /// <summary>
    /// Writes <paramref name="planes"/> (a whole number of <paramref name="width"/>-pixel rows) into
    /// <paramref name="destination"/> with every row reversed.
    /// </summary>
    /// <exception cref="ArgumentException">The values are not whole rows, or the destination is shorter.</exception>
    public static void Apply(ReadOnlySpan<float> planes, int width, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (planes.Length % width != 0)
        {
            throw new ArgumentException($"{planes.Length} values are not a whole number of {width}-pixel rows.", nameof(planes));
        }

        if (destination.Length < planes.Length)
        {
            throw new ArgumentException($"The destination holds {destination.Length} values, fewer than the {planes.Length} mirrored.", nameof(destination));
        }

        planes.CopyTo(destination);
        for (var row = 0; row < planes.Length; row += width)
        {
            destination.Slice(row, width).Reverse();
        }
    }
}
