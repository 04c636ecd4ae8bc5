using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SpineKit.Imaging.Kernels;

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
                AddUp(row, previous);
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

                PaethBody(row, previous, stride);
                break;
            default:
                throw new ImageFormatException("PNG", $"unknown scanline filter type {filter}", offset);
        }
    }

    /// <summary>The Up filter, <c>row[i] += previous[i]</c> (bytes wrap), a vector at a time: no sample depends on its row's others.</summary>
    internal static void AddUp(Span<byte> row, ReadOnlySpan<byte> previous, SimdPath path = SimdPath.Auto)
    {
        if (previous.Length < row.Length)
        {
            throw new ArgumentException("The previous row is shorter than the row.", nameof(previous));
        }

        ref var target = ref MemoryMarshal.GetReference(row);
        ref var above = ref MemoryMarshal.GetReference(previous);
        var i = 0;
        var resolved = SimdPaths.Resolve(path);
        if (resolved == SimdPath.Vector512)
        {
            for (; i <= row.Length - Vector512<byte>.Count; i += Vector512<byte>.Count)
            {
                (Vector512.LoadUnsafe(ref target, (nuint)i) + Vector512.LoadUnsafe(ref above, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
            }
        }

        if (resolved != SimdPath.Scalar)
        {
            for (; i <= row.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                (Vector256.LoadUnsafe(ref target, (nuint)i) + Vector256.LoadUnsafe(ref above, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
            }
        }

        for (; i < row.Length; i++)
        {
            row[i] += previous[i];
        }
    }

    /// <summary>
    /// The Paeth filter past the first pixel. Each sample depends on the one <paramref name="stride"/> before it, so
    /// it stays a scalar loop, without bounds checks (the spans' lengths are checked once) and with the predictor's
    /// choice made from the two distances the spec compares.
    /// </summary>
    private static void PaethBody(Span<byte> row, ReadOnlySpan<byte> previous, int stride)
    {
        if (previous.Length < row.Length)
        {
            throw new ArgumentException("The previous row is shorter than the row.", nameof(previous));
        }

        ref var target = ref MemoryMarshal.GetReference(row);
        ref var above = ref MemoryMarshal.GetReference(previous);
        for (var i = stride; i < row.Length; i++)
        {
            Unsafe.Add(ref target, i) += Paeth(Unsafe.Add(ref target, i - stride), Unsafe.Add(ref above, i), Unsafe.Add(ref above, i - stride));
        }
    }

    /// <summary>
    /// The Paeth predictor: whichever neighbour is closest to left + up - upLeft (ties: left, then up). Written without
    /// branches (noisy films make them unpredictable); only left is on the unfilter's serial path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Paeth(int left, int up, int upLeft)
    {
        var distanceLeft = Math.Abs(up - upLeft);
        var distanceUp = Math.Abs(left - upLeft);
        var distanceUpLeft = Math.Abs(left + up - upLeft - upLeft);
        var upOrUpLeft = distanceUp <= distanceUpLeft ? up : upLeft;
        var leftWins = (distanceLeft <= distanceUp) & (distanceLeft <= distanceUpLeft);
        return (byte)(leftWins ? left : upOrUpLeft);
    }
}
