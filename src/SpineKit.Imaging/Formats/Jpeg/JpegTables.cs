namespace SpineKit.Imaging.Formats.Jpeg;

/// <summary>The tables a scan decodes with: Huffman (DC/lossless and AC, four slots each), quantisers, restart interval.</summary>
internal sealed class JpegTables
{
    public HuffmanTable?[] Dc { get; } = new HuffmanTable?[4];

    public HuffmanTable?[] Ac { get; } = new HuffmanTable?[4];

    /// <summary>Quantiser steps in natural order, widened to int for the IDCT; null until defined.</summary>
    public int[]?[] Quantization { get; } = new int[]?[4];

    /// <summary>MCUs between restart markers; 0 for none.</summary>
    public int RestartInterval { get; set; }

    /// <summary>Parses a DQT payload (one or more tables) into <see cref="Quantization"/>.</summary>
    public void ReadQuantization(ReadOnlySpan<byte> payload, long offset) => QuantizationTable.Read(payload, offset, Quantization);

    /// <summary>Parses a DHT payload (one or more tables).</summary>
    public void ReadHuffman(ReadOnlySpan<byte> payload, long offset)
    {
        var p = 0;
        while (p < payload.Length)
        {
            var tableClass = payload[p] >> 4;
            var id = payload[p] & 15;
            if (tableClass > 1 || id > 3)
            {
                throw new ImageFormatException("JPEG", $"Huffman table header {payload[p]:X2} is invalid", offset + p);
            }

            if (p + 17 > payload.Length)
            {
                throw new ImageFormatException("JPEG", "Huffman table (DHT) is truncated", offset + p);
            }

            var counts = payload.Slice(p + 1, 16);
            var total = 0;
            foreach (var n in counts)
            {
                total += n;
            }

            if (total > 256 || p + 17 + total > payload.Length)
            {
                throw new ImageFormatException("JPEG", $"Huffman table declares {total} symbols, more than the segment holds", offset + p);
            }

            var table = HuffmanTable.Create(counts, payload.Slice(p + 17, total), tableClass == 1, offset + p);
            (tableClass == 0 ? Dc : Ac)[id] = table;
            p += 17 + total;
        }
    }

    /// <summary>Parses a DRI payload.</summary>
    public void ReadRestartInterval(ReadOnlySpan<byte> payload, long offset)
    {
        if (payload.Length < 2)
        {
            throw new ImageFormatException("JPEG", "restart interval segment (DRI) is too short", offset);
        }

        RestartInterval = (payload[0] << 8) | payload[1];
    }
}
