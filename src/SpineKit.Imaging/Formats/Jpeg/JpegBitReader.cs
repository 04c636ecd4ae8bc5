using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace SpineKit.Imaging.Formats.Jpeg;

/// <summary>
/// Reads entropy-coded bits MSB first through a 64-bit buffer, removing 0xFF00 byte stuffing. It never reads past
/// a marker: there, and at the end of the data, it feeds zero bits and counts them, so a truncated or corrupt
/// scan decodes to zeros instead of looping or throwing.
/// </summary>
internal ref struct JpegBitReader
{
    private readonly ReadOnlySpan<byte> data;
    private int paddingBits;
    private int nextRestart;

    public JpegBitReader(ReadOnlySpan<byte> data, int position)
    {
        this.data = data;
        Position = position;
    }

    /// <summary>
    /// The buffered bits, MSB first. Hot loops copy this and <see cref="Count"/> into locals, consume from them,
    /// and write them back before calling <see cref="Refill"/>, so the buffer lives in registers.
    /// </summary>
    public ulong Buffer;

    /// <summary>How many bits of <see cref="Buffer"/> are valid.</summary>
    public int Count;

    /// <summary>Index of the next byte not yet loaded into the bit buffer.</summary>
    public int Position { get; private set; }

    /// <summary>True once the decoder has consumed bits that were not in the data (it ran into a marker or the end).</summary>
    public readonly bool IsOverrun => Count < paddingBits;

    /// <summary>Loads bytes until at least 57 bits are buffered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnsureBits()
    {
        if (Count <= 56)
        {
            Refill();
        }
    }

    /// <summary>The next <paramref name="n"/> (1..16) bits without consuming them; call <see cref="EnsureBits"/> first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int Peek(int n) => (int)(Buffer >> (64 - n));

    /// <summary>Consumes <paramref name="n"/> buffered bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Skip(int n)
    {
        Buffer <<= n;
        Count -= n;
    }

    /// <summary>Reads <paramref name="n"/> bits (0..16).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadBits(int n)
    {
        if (n == 0)
        {
            return 0;
        }

        if (Count < n)
        {
            Refill();
        }

        var value = (int)(Buffer >> (64 - n));
        Buffer <<= n;
        Count -= n;
        return value;
    }

    /// <summary>Reads one bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadBit() => ReadBits(1);

    /// <summary>Reads <paramref name="size"/> magnitude bits and sign-extends them (0 for size 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReceiveExtend(int size) => size == 0 ? 0 : HuffmanTable.Extend(ReadBits(size), size);

    /// <summary>Decodes one Huffman symbol.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DecodeSymbol(HuffmanTable table)
    {
        if (Count < 16)
        {
            Refill();
        }

        var entry = table.Lookup[(int)(Buffer >> (64 - HuffmanTable.LookaheadBits))];
        if (entry != 0)
        {
            Skip(entry >> 8);
            return entry & 0xFF;
        }

        return DecodeSymbolSlow(table);
    }

    /// <summary>
    /// Forgets buffered bits and moves past the restart marker that should follow, resynchronising like libjpeg
    /// when the data is damaged: garbage before a marker is skipped; if the next restart marker is one or two
    /// numbers ahead, the expected one is missing and this interval decodes as zeros (the marker is kept for the
    /// next interval); a marker one or two numbers behind is stale and skipped; any other marker ends the scan.
    /// </summary>
    public void Restart()
    {
        Buffer = 0;
        Count = 0;
        paddingBits = 0;
        var expected = nextRestart;
        nextRestart = (nextRestart + 1) & 7;
        var p = Position;
        while (p + 1 < data.Length)
        {
            if (data[p] != 0xFF || data[p + 1] is 0x00 or 0xFF)
            {
                p++;
                continue;
            }

            var marker = data[p + 1];
            if (!JpegMarker.IsRestart(marker))
            {
                break;
            }

            var ahead = (marker - JpegMarker.Rst0 - expected) & 7;
            switch (ahead)
            {
                case 0:
                    Position = p + 2;
                    return;
                case 1 or 2:
                    Position = p;
                    return;
                case 6 or 7:
                    p += 2;
                    continue;
                default:
                    Position = p + 2;
                    nextRestart = (marker - JpegMarker.Rst0 + 1) & 7;
                    return;
            }
        }

        // No restart marker before another marker or the end: the rest of the scan decodes as zeros.
        Position = p;
    }

    /// <summary>The offset of the next marker that is not a restart marker (where the scan ends).</summary>
    public readonly int FindNextMarker()
    {
        var p = Position;
        while (p + 1 < data.Length)
        {
            if (data[p] == 0xFF)
            {
                var next = data[p + 1];
                if (next != 0x00 && next != 0xFF && !JpegMarker.IsRestart(next))
                {
                    return p;
                }
            }

            p++;
        }

        return data.Length;
    }

    private int DecodeSymbolSlow(HuffmanTable table)
    {
        var symbol = table.DecodeSlow(Peek(16), out var length);
        if (length > 16)
        {
            // Not a valid code: consume it all so a corrupt scan still moves forward.
            length = 16;
            symbol = 0;
        }

        Skip(length);
        return symbol;
    }

    /// <summary>Loads bytes until at least 57 bits are buffered (zeros past a marker or the end).</summary>
    public void Refill()
    {
        var p = Position;
        if (p + 8 <= data.Length)
        {
            var word = BinaryPrimitives.ReadUInt64BigEndian(data.Slice(p, 8));
            if (!HasFfByte(word))
            {
                var n = (64 - Count) >> 3;
                Buffer |= (word >> (64 - (n << 3))) << (64 - Count - (n << 3));
                Count += n << 3;
                Position = p + n;
                return;
            }
        }

        RefillSlow();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasFfByte(ulong word)
    {
        var inverted = ~word;
        return ((inverted - 0x0101010101010101UL) & word & 0x8080808080808080UL) != 0;
    }

    private void RefillSlow()
    {
        while (Count <= 56)
        {
            var p = Position;
            int value;
            if (p >= data.Length)
            {
                value = 0;
                paddingBits += 8;
            }
            else if (data[p] != 0xFF)
            {
                value = data[p];
                Position = p + 1;
            }
            else if (p + 1 < data.Length && data[p + 1] == 0x00)
            {
                value = 0xFF;
                Position = p + 2;
            }
            else if (p + 1 < data.Length && data[p + 1] == 0xFF)
            {
                // A fill byte before a marker: skip it (T.81 B.1.1.2).
                Position = p + 1;
                continue;
            }
            else
            {
                value = 0;
                paddingBits += 8;
            }

            Buffer |= (ulong)value << (56 - Count);
            Count += 8;
        }
    }
}
