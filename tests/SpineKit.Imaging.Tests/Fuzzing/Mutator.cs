using System.Buffers.Binary;

namespace SpineKit.Imaging.Tests.Fuzzing;

/// <summary>
/// Seeded corruptions of a valid file: truncation, bit flips, forged length fields and overwritten words. The
/// caller supplies where the format keeps its length fields; all randomness comes from the given generator.
/// </summary>
internal static class Mutator
{
    private static readonly uint[] InterestingLengths =
    [
        0, 1, 2, 3, 4, 7, 8, 0x7F, 0x80, 0xFF, 0x100, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF, 0x10000000,
    ];

    public static byte[] Mutate(byte[] seed, Random random, IReadOnlyList<(int Offset, int Size, bool BigEndian)> lengthFields)
    {
        var data = (byte[])seed.Clone();
        switch (random.Next(5))
        {
            case 0:
                return data[..random.Next(data.Length)];
            case 1:
                for (var flips = random.Next(1, 9); flips > 0; flips--)
                {
                    data[random.Next(data.Length)] ^= (byte)(1 << random.Next(8));
                }

                return data;
            case 2 when lengthFields.Count > 0:
                var (offset, size, bigEndian) = lengthFields[random.Next(lengthFields.Count)];
                var value = random.Next(3) == 0 ? (uint)random.Next() : InterestingLengths[random.Next(InterestingLengths.Length)];
                Write(data, offset, size, bigEndian, value);
                return data;
            case 3:
                var at = random.Next(Math.Max(1, data.Length - 4));
                Write(data, at, Math.Min(4, data.Length - at), false, InterestingLengths[random.Next(InterestingLengths.Length)]);
                return data;
            default:
                // A run of random bytes somewhere: garbled pixel or compressed data.
                var start = random.Next(data.Length);
                var count = Math.Min(data.Length - start, random.Next(1, 33));
                random.NextBytes(data.AsSpan(start, count));
                return data;
        }
    }

    private static void Write(byte[] data, int offset, int size, bool bigEndian, uint value)
    {
        if (size >= 4 && offset + 4 <= data.Length)
        {
            if (bigEndian)
            {
                BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(offset), value);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(offset), value);
            }
        }
        else if (size >= 2 && offset + 2 <= data.Length)
        {
            if (bigEndian)
            {
                BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(offset), (ushort)value);
            }
            else
            {
                BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(offset), (ushort)value);
            }
        }
        else if (offset < data.Length)
        {
            data[offset] = (byte)value;
        }
    }
}
