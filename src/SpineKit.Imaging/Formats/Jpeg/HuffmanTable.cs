namespace SpineKit.Imaging.Formats.Jpeg;

/// <summary>
/// One canonical Huffman table (ITU T.81 annex C) with lookahead tables so most symbols decode with a single
/// peek: <see cref="Lookup"/> resolves codes of up to <see cref="LookaheadBits"/> bits, and for AC tables
/// <see cref="Fast"/> also resolves the magnitude bits that follow a short code.
/// </summary>
internal sealed class HuffmanTable
{
    public const int LookaheadBits = 11;
    private const int LookaheadSize = 1 << LookaheadBits;

    // maxCode[l] is the largest code of length l (or -1); valueOffset[l] maps it to an index into values.
    private readonly int[] maxCode = new int[18];
    private readonly int[] valueOffset = new int[18];
    private readonly byte[] values;

    private HuffmanTable(byte[] values)
    {
        this.values = values;
    }

    /// <summary>(code length &lt;&lt; 8) | symbol for every 9-bit prefix whose code is at most 9 bits, else 0.</summary>
    public ushort[] Lookup { get; } = new ushort[LookaheadSize];

    /// <summary>
    /// For AC tables, whole coefficients resolved by one peek when code and magnitude bits fit the lookahead:
    /// (coefficient &lt;&lt; 8) | (run &lt;&lt; 4) | total bits. End-of-block is (0, 0, code length): entry &gt;&gt; 4 is 0.
    /// A zero run of 16 is (0, 15, code length). Entries are 0 where the slow path is needed.
    /// For DC tables, the difference: (difference &lt;&lt; 8) | total bits, or 0.
    /// </summary>
    public int[] Fast { get; } = new int[LookaheadSize];

    /// <summary>Builds a table from the 16 code-length counts and the symbols, validating the code space.</summary>
    public static HuffmanTable Create(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> symbols, bool isAc, long offset)
    {
        var table = new HuffmanTable(symbols.ToArray());
        var code = 0;
        var index = 0;
        for (var length = 1; length <= 16; length++)
        {
            var n = counts[length - 1];
            table.valueOffset[length] = index - code;
            if (n == 0)
            {
                table.maxCode[length] = -1;
            }
            else
            {
                code += n;
                if (code > 1 << length)
                {
                    throw new ImageFormatException("JPEG", "Huffman table has more codes than its code lengths allow", offset);
                }

                table.maxCode[length] = code - 1;
                if (length <= LookaheadBits)
                {
                    for (var c = code - n; c < code; c++, index++)
                    {
                        var shift = LookaheadBits - length;
                        var entry = (ushort)((length << 8) | symbols[index]);
                        table.Lookup.AsSpan(c << shift, 1 << shift).Fill(entry);
                    }
                }
                else
                {
                    index += n;
                }
            }

            code <<= 1;
        }

        table.maxCode[17] = int.MaxValue;
        table.BuildFast(isAc);

        return table;
    }

    /// <summary>The symbol for a code longer than the lookahead; <paramref name="peek16"/> holds the next 16 bits.</summary>
    /// <returns>The symbol, and in <paramref name="length"/> the code length (17 when no code matches).</returns>
    public int DecodeSlow(int peek16, out int length)
    {
        for (length = LookaheadBits + 1; length <= 16; length++)
        {
            var code = peek16 >> (16 - length);
            if (code <= maxCode[length])
            {
                var index = code + valueOffset[length];
                return (uint)index < (uint)values.Length ? values[index] : 0;
            }
        }

        length = 17;
        return 0;
    }

    private void BuildFast(bool isAc)
    {
        for (var prefix = 0; prefix < LookaheadSize; prefix++)
        {
            var entry = Lookup[prefix];
            if (entry == 0)
            {
                continue;
            }

            var length = entry >> 8;
            var symbol = entry & 0xFF;
            var run = isAc ? symbol >> 4 : 0;
            var size = isAc ? symbol & 15 : symbol;
            if (size > 15 || length + size > LookaheadBits || (isAc && size == 0 && run is not (0 or 15)))
            {
                continue;
            }

            var value = 0;
            if (size > 0)
            {
                var magnitude = (prefix >> (LookaheadBits - length - size)) & ((1 << size) - 1);
                value = Extend(magnitude, size);
            }

            Fast[prefix] = (value << 8) | (run << 4) | (length + size);
        }
    }

    /// <summary>Turns <paramref name="size"/> magnitude bits into a signed value (ITU T.81 F.2.2.1 EXTEND).</summary>
    public static int Extend(int bits, int size) =>
        bits < 1 << (size - 1) ? bits - (1 << size) + 1 : bits;
}
