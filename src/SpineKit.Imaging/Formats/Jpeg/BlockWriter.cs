using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SpineKit.Imaging.Formats.Jpeg.Kernels;

namespace SpineKit.Imaging.Formats.Jpeg;

/// <summary>
/// Writes the inverse DCT of one block into its component's sample plane. A plane may be padded to whole
/// blocks, or (for single-component frames) be the output image itself, in which case blocks crossing the right
/// or bottom edge are transformed into a scratch block and clipped.
/// </summary>
internal static class BlockWriter
{
    /// <summary>
    /// Transforms <paramref name="block"/> into block (<paramref name="bx"/>, <paramref name="by"/>) and zeroes it;
    /// <paramref name="hasAc"/> false says only the DC coefficient can be non-zero, which makes the block flat.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(JpegComponent c, int precision, int[] quantizer, scoped Span<short> block, bool hasAc, int bx, int by)
    {
        var stride = c.Stride;
        var x = bx * 8;
        var y = by * 8;
        if (c.IsClipped && (x + 8 > c.Width || y + 8 > c.Height))
        {
            WriteClipped(c, precision, quantizer, block, x, y);
            return;
        }

        var offset = (y * stride) + x;
        if (precision == 8)
        {
            var plane = Unsafe.As<byte[]>(c.Samples!);
            if (hasAc)
            {
                InverseDct.Transform8(block, quantizer, plane.AsSpan(offset), stride);
                block.Clear();
            }
            else
            {
                // A flat block: one value for all 64 samples, written a row (8 bytes) at a time.
                var fill = 0x0101010101010101UL * (ulong)InverseDct.DcOnlyValue(block[0], quantizer[0], 8);
                var rows = plane.AsSpan(offset, (7 * stride) + 8);
                ref var target = ref MemoryMarshal.GetReference(rows);
                for (var row = 0; row < 8; row++)
                {
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, row * stride), fill);
                }

                block[0] = 0;
            }
        }
        else
        {
            InverseDct.Transform12(block, quantizer, ((ushort[])c.Samples!).AsSpan(offset), stride);
            block.Clear();
        }
    }

    private static void WriteClipped(JpegComponent c, int precision, int[] quantizer, scoped Span<short> block, int x, int y)
    {
        var rows = Math.Min(8, c.Height - y);
        var columns = Math.Min(8, c.Width - x);
        if (rows > 0 && columns > 0)
        {
            if (precision == 8)
            {
                Span<byte> scratch = stackalloc byte[64];
                InverseDct.Transform8(block, quantizer, scratch, 8);
                var plane = (byte[])c.Samples!;
                for (var row = 0; row < rows; row++)
                {
                    scratch.Slice(row * 8, columns).CopyTo(plane.AsSpan(((y + row) * c.Stride) + x, columns));
                }
            }
            else
            {
                Span<ushort> scratch = stackalloc ushort[64];
                InverseDct.Transform12(block, quantizer, scratch, 8);
                var plane = (ushort[])c.Samples!;
                for (var row = 0; row < rows; row++)
                {
                    scratch.Slice(row * 8, columns).CopyTo(plane.AsSpan(((y + row) * c.Stride) + x, columns));
                }
            }
        }

        block.Clear();
    }
}
