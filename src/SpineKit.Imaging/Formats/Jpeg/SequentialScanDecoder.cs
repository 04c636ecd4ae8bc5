using SpineKit.Imaging.Formats.Jpeg.Kernels;

namespace SpineKit.Imaging.Formats.Jpeg;

/// <summary>
/// Decodes a Huffman-coded sequential (baseline or extended) scan, transforming each block straight into the
/// component's sample plane so no coefficient storage is needed.
/// </summary>
internal static class SequentialScanDecoder
{
    /// <summary>Decodes the scan starting at <paramref name="position"/>; returns the offset where its data ends.</summary>
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
            for (var by = 0; by < c.HeightInBlocks; by++)
            {
                for (var bx = 0; bx < c.WidthInBlocks; bx++)
                {
                    if (restartInterval > 0 && sinceRestart == restartInterval)
                    {
                        reader.Restart();
                        c.DcPredictor = 0;
                        sinceRestart = 0;
                    }

                    sinceRestart++;
                    DecodeAndStore(ref reader, c, dc, ac, quantizers[0], frame.Precision, block, bx, by);
                }
            }
        }
        else
        {
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
                        var dc = tables.Dc[c.DcTableId]!;
                        var ac = tables.Ac[c.AcTableId]!;
                        for (var v = 0; v < c.VerticalFactor; v++)
                        {
                            for (var h = 0; h < c.HorizontalFactor; h++)
                            {
                                DecodeAndStore(ref reader, c, dc, ac, quantizers[i], frame.Precision, block, (mx * c.HorizontalFactor) + h, (my * c.VerticalFactor) + v);
                            }
                        }
                    }
                }
            }
        }

        return reader.FindNextMarker();
    }

    private static void DecodeAndStore(
        ref JpegBitReader reader, JpegComponent c, HuffmanTable dc, HuffmanTable ac, int[] quantizer, int precision, scoped Span<short> block, int bx, int by)
    {
        var hasAc = false;
        if (!reader.IsOverrun)
        {
            var predictor = c.DcPredictor;
            hasAc = DecodeBlock(ref reader, dc, ac, block, ref predictor);
            c.DcPredictor = predictor;
        }

        var offset = (by * 8 * c.Stride) + (bx * 8);
        if (precision == 8)
        {
            var plane = (byte[])c.Samples!;
            if (hasAc)
            {
                InverseDct.Transform8(block, quantizer, plane.AsSpan(offset), c.Stride);
            }
            else
            {
                var value = (byte)InverseDct.DcOnlyValue(block[0], quantizer[0], 8);
                for (var row = 0; row < 8; row++)
                {
                    plane.AsSpan(offset + (row * c.Stride), 8).Fill(value);
                }
            }
        }
        else
        {
            var plane = (ushort[])c.Samples!;
            InverseDct.Transform12(block, quantizer, plane.AsSpan(offset), c.Stride);
        }

        block.Clear();
    }

    /// <summary>Decodes one block's DC difference and AC coefficients; returns whether any AC coefficient was coded.</summary>
    internal static bool DecodeBlock(ref JpegBitReader reader, HuffmanTable dc, HuffmanTable ac, scoped Span<short> block, ref int predictor)
    {
        reader.EnsureBits();
        var size = reader.DecodeSymbol(dc);
        if (size is > 0 and <= 16)
        {
            predictor += reader.ReceiveExtend(size);
        }

        block[0] = (short)predictor;
        var naturalOrder = ZigZag.ToNatural;
        var fastAc = ac.FastAc;
        var hasAc = false;
        for (var k = 1; k < 64;)
        {
            reader.EnsureBits();
            var fast = fastAc[reader.Peek(HuffmanTable.LookaheadBits)];
            if (fast != 0)
            {
                reader.Skip(fast & 15);
                k += (fast >> 4) & 15;
                block[naturalOrder[k]] = (short)(fast >> 8);
                k++;
                hasAc = true;
                continue;
            }

            var symbol = reader.DecodeSymbol(ac);
            var run = symbol >> 4;
            size = symbol & 15;
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
            block[naturalOrder[k]] = (short)reader.ReceiveExtend(size);
            k++;
            hasAc = true;
        }

        return hasAc;
    }
}
