using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SpineKit.Imaging.Formats.Jpeg;

/// <summary>
/// Decodes a Huffman-coded sequential (baseline or extended) scan, transforming each block straight into the
/// component's sample plane so no coefficient storage is needed.
/// </summary>
internal static class SequentialScanDecoder
{
    /// <summary>Decodes the scan starting at <paramref name="position"/>; returns the offset where its data ends.</summary>
    /// <remarks>Runs once per scan, so it is compiled fully optimised at once rather than tiered up mid-image.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Decode(ReadOnlySpan<byte> data, int position, JpegFrame frame, JpegScanHeader scan, JpegTables tables)
    {
        var reader = new JpegBitReader(data, position);
        Span<short> block = stackalloc short[64];
        var components = scan.Components;
        var quantizers = new int[components.Length][];
        for (var i = 0; i < components.Length; i++)
        {
            components[i].DcPredictor = 0;
            quantizers[i] = tables.Quantization[components[i].QuantizationTableId]
                ?? throw new ImageFormatException("JPEG", $"component {components[i].Index} uses quantisation table {components[i].QuantizationTableId}, which was never defined", position);
        }

        var restartInterval = tables.RestartInterval;
        var sinceRestart = 0;
        if (!scan.IsInterleaved)
        {
            var c = components[0];
            var dc = tables.Dc[c.DcTableId]!;
            var ac = tables.Ac[c.AcTableId]!;
            var quantizer = quantizers[0];
            var predictor = 0;
            for (var by = 0; by < c.HeightInBlocks; by++)
            {
                for (var bx = 0; bx < c.WidthInBlocks; bx++)
                {
                    if (restartInterval > 0 && sinceRestart == restartInterval)
                    {
                        reader.Restart();
                        predictor = 0;
                        sinceRestart = 0;
                    }

                    sinceRestart++;
                    var hasAc = !reader.IsOverrun && DecodeBlock(ref reader, dc, ac, block, ref predictor);
                    BlockWriter.Write(c, frame.Precision, quantizer, block, hasAc, bx, by);
                }
            }
        }
        else
        {
            var dcTables = new HuffmanTable[components.Length];
            var acTables = new HuffmanTable[components.Length];
            for (var i = 0; i < components.Length; i++)
            {
                dcTables[i] = tables.Dc[components[i].DcTableId]!;
                acTables[i] = tables.Ac[components[i].AcTableId]!;
            }

            for (var my = 0; my < frame.McusPerColumn; my++)
            {
                for (var mx = 0; mx < frame.McusPerLine; mx++)
                {
                    if (restartInterval > 0 && sinceRestart == restartInterval)
                    {
                        reader.Restart();
                        foreach (var c in components)
                        {
                            c.DcPredictor = 0;
                        }

                        sinceRestart = 0;
                    }

                    sinceRestart++;
                    for (var i = 0; i < components.Length; i++)
                    {
                        var c = components[i];
                        var dc = dcTables[i];
                        var ac = acTables[i];
                        var predictor = c.DcPredictor;
                        for (var v = 0; v < c.VerticalFactor; v++)
                        {
                            for (var h = 0; h < c.HorizontalFactor; h++)
                            {
                                var hasAc = !reader.IsOverrun && DecodeBlock(ref reader, dc, ac, block, ref predictor);
                                BlockWriter.Write(c, frame.Precision, quantizers[i], block, hasAc, (mx * c.HorizontalFactor) + h, (my * c.VerticalFactor) + v);
                            }
                        }

                        c.DcPredictor = predictor;
                    }
                }
            }
        }

        return reader.FindNextMarker();
    }

    /// <summary>
    /// Decodes one block's DC difference and AC coefficients into <paramref name="block"/> (natural order, which
    /// must be zero on entry); returns whether any AC coefficient was coded. The bit buffer is kept in locals.
    /// </summary>
    internal static bool DecodeBlock(ref JpegBitReader reader, HuffmanTable dc, HuffmanTable ac, scoped Span<short> block, ref int predictor)
    {
        var bits = reader.Buffer;
        var count = reader.Count;
        if (count < 32)
        {
            reader.Buffer = bits;
            reader.Count = count;
            reader.Refill();
            bits = reader.Buffer;
            count = reader.Count;
        }

        var fastDc = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(dc.Fast), (int)(bits >> (64 - HuffmanTable.LookaheadBits)));
        if (fastDc != 0)
        {
            var length = fastDc & 15;
            bits <<= length;
            count -= length;
            predictor += fastDc >> 8;
        }
        else
        {
            var size = DecodeSymbol(dc, ref bits, ref count);
            if (size is > 0 and <= 16)
            {
                var magnitude = (int)(bits >> (64 - size));
                bits <<= size;
                count -= size;
                predictor += HuffmanTable.Extend(magnitude, size);
            }
        }

        block[0] = (short)predictor;
        ref var coefficients = ref MemoryMarshal.GetReference(block);
        ref var naturalOrder = ref MemoryMarshal.GetReference(ZigZag.ToNatural);
        ref var fastAc = ref MemoryMarshal.GetArrayDataReference(ac.Fast);
        var hasAc = false;
        for (var k = 1; k < 64;)
        {
            if (count < 32)
            {
                reader.Buffer = bits;
                reader.Count = count;
                reader.Refill();
                bits = reader.Buffer;
                count = reader.Count;
            }

            var fast = Unsafe.Add(ref fastAc, (int)(bits >> (64 - HuffmanTable.LookaheadBits)));
            if (fast != 0)
            {
                var length = fast & 15;
                bits <<= length;
                count -= length;
                if (fast >> 4 == 0)
                {
                    break;
                }

                // A coefficient, or a run of 16 zeros (value 0, run 15) that writes a harmless zero.
                k += (fast >> 4) & 15;
                Unsafe.Add(ref coefficients, Unsafe.Add(ref naturalOrder, k)) = (short)(fast >> 8);
                k++;
                hasAc = true;
                continue;
            }

            var symbol = DecodeSymbol(ac, ref bits, ref count);
            var run = symbol >> 4;
            var size = symbol & 15;
            if (size == 0)
            {
                if (run != 15)
                {
                    break;
                }

                k += 16;
                continue;
            }

            k += run;
            var value = (int)(bits >> (64 - size));
            bits <<= size;
            count -= size;
            Unsafe.Add(ref coefficients, Unsafe.Add(ref naturalOrder, k)) = (short)HuffmanTable.Extend(value, size);
            k++;
            hasAc = true;
        }

        reader.Buffer = bits;
        reader.Count = count;
        return hasAc;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DecodeSymbol(HuffmanTable table, ref ulong bits, ref int count)
    {
        var entry = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(table.Lookup), (int)(bits >> (64 - HuffmanTable.LookaheadBits)));
        int length;
        int symbol;
        if (entry != 0)
        {
            length = entry >> 8;
            symbol = entry & 0xFF;
        }
        else
        {
            symbol = table.DecodeSlow((int)(bits >> 48), out length);
            if (length > 16)
            {
                // Not a valid code: consume 16 bits so a corrupt scan still moves forward.
                length = 16;
                symbol = 0;
            }
        }

        bits <<= length;
        count -= length;
        return symbol;
    }
}
