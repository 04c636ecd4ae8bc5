namespace SpineKit.Imaging.Formats.Jpeg;

/// <summary>
/// Parses DQT segments: 8- or 16-bit quantiser steps, stored in zig-zag order in the file and kept here in
/// natural order as int, the layout the inverse DCT multiplies by.
/// </summary>
internal static class QuantizationTable
{
    /// <summary>Parses a DQT payload (one or more tables) into <paramref name="slots"/> (four destinations).</summary>
    public static void Read(ReadOnlySpan<byte> payload, long offset, int[]?[] slots)
    {
        var p = 0;
        while (p < payload.Length)
        {
            var precision = payload[p] >> 4;
            var id = payload[p] & 15;
            if (precision > 1 || id > 3)
            {
                throw new ImageFormatException("JPEG", $"quantisation table header {payload[p]:X2} is invalid", offset + p);
            }

            var size = precision == 0 ? 64 : 128;
            if (p + 1 + size > payload.Length)
            {
                throw new ImageFormatException("JPEG", "quantisation table (DQT) is truncated", offset + p);
            }

            var table = new int[64];
            for (var k = 0; k < 64; k++)
            {
                table[ZigZag.ToNatural[k]] = precision == 0
                    ? payload[p + 1 + k]
                    : (payload[p + 1 + (2 * k)] << 8) | payload[p + 2 + (2 * k)];
            }

            slots[id] = table;
            p += 1 + size;
        }
    }
}
