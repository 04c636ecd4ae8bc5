using System.Runtime.CompilerServices;

namespace SpineKit.Imaging.Formats.Jpeg;

/// <summary>
/// Decodes one scan of a progressive frame (ITU T.81 G.1.2) into the components' coefficient arrays: DC first
/// and refinement passes, AC spectral-selection first passes with end-of-band runs, and AC successive
/// approximation refinement.
/// </summary>
internal static class ProgressiveScanDecoder
{
    /// <summary>Decodes the scan starting at <paramref name="position"/>; returns the offset where its data ends.</summary>
    /// <remarks>Runs once per scan, so it is compiled fully optimised at once rather than tiered up mid-image.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Decode(ReadOnlySpan<byte> data, int position, JpegFrame frame, JpegScanHeader scan, JpegTables tables)
    {
        var reader = new JpegBitReader(data, position);
        var components = scan.Components;
        foreach (var c in components)
        {
            c.DcPredictor = 0;
        }

        var state = new ScanState(scan);
        var restartInterval = tables.RestartInterval;
        var sinceRestart = 0;
        if (!scan.IsInterleaved)
        {
            var c = components[0];
            for (var by = 0; by < c.HeightInBlocks; by++)
            {
                for (var bx = 0; bx < c.WidthInBlocks; bx++)
                {
                    if (restartInterval > 0 && sinceRestart == restartInterval)
                    {
                        reader.Restart();
                        c.DcPredictor = 0;
                        state.EndOfBandRun = 0;
                        sinceRestart = 0;
                    }

                    sinceRestart++;
                    if (!reader.IsOverrun)
                    {
                        DecodeBlock(ref reader, ref state, c, tables, c.Coefficients.AsSpan(((by * c.BlocksPerLine) + bx) * 64, 64));
                    }
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

                        state.EndOfBandRun = 0;
                        sinceRestart = 0;
                    }

                    sinceRestart++;
                    if (reader.IsOverrun)
                    {
                        continue;
                    }

                    foreach (var c in components)
                    {
                        for (var v = 0; v < c.VerticalFactor; v++)
                        {
                            for (var h = 0; h < c.HorizontalFactor; h++)
                            {
                                var bx = (mx * c.HorizontalFactor) + h;
                                var by = (my * c.VerticalFactor) + v;
                                DecodeBlock(ref reader, ref state, c, tables, c.Coefficients.AsSpan(((by * c.BlocksPerLine) + bx) * 64, 64));
                            }
                        }
                    }
                }
            }
        }

        return reader.FindNextMarker();
    }

    private static void DecodeBlock(ref JpegBitReader reader, ref ScanState state, JpegComponent c, JpegTables tables, Span<short> block)
    {
        if (state.Start == 0)
        {
            if (state.High == 0)
            {
                DecodeDcFirst(ref reader, state.Low, tables.Dc[c.DcTableId]!, c, block);
            }
            else
            {
                reader.EnsureBits();
                if (reader.ReadBit() != 0)
                {
                    block[0] |= (short)(1 << state.Low);
                }
            }
        }
        else if (state.High == 0)
        {
            DecodeAcFirst(ref reader, ref state, tables.Ac[c.AcTableId]!, block);
        }
        else
        {
            DecodeAcRefine(ref reader, ref state, tables.Ac[c.AcTableId]!, block);
        }
    }

    private static void DecodeDcFirst(ref JpegBitReader reader, int low, HuffmanTable table, JpegComponent c, Span<short> block)
    {
        reader.EnsureBits();
        var size = reader.DecodeSymbol(table);
        if (size is > 0 and <= 16)
        {
            c.DcPredictor += reader.ReceiveExtend(size);
        }

        block[0] = (short)(c.DcPredictor << low);
    }

    private static void DecodeAcFirst(ref JpegBitReader reader, ref ScanState state, HuffmanTable table, Span<short> block)
    {
        if (state.EndOfBandRun > 0)
        {
            state.EndOfBandRun--;
            return;
        }

        var naturalOrder = ZigZag.ToNatural;
        for (var k = state.Start; k <= state.End;)
        {
            reader.EnsureBits();
            var symbol = reader.DecodeSymbol(table);
            var run = symbol >> 4;
            var size = symbol & 15;
            if (size == 0)
            {
                if (run < 15)
                {
                    state.EndOfBandRun = (1 << run) - 1 + reader.ReadBits(run);
                    break;
                }

                k += 16;
                continue;
            }

            k += run;
            block[naturalOrder[Math.Min(k, 64)]] = (short)(reader.ReceiveExtend(size) * (1 << state.Low));
            k++;
        }
    }

    private static void DecodeAcRefine(ref JpegBitReader reader, ref ScanState state, HuffmanTable table, Span<short> block)
    {
        var naturalOrder = ZigZag.ToNatural;
        var plus = 1 << state.Low;
        var minus = -1 << state.Low;
        var k = state.Start;
        var end = state.End;
        if (state.EndOfBandRun == 0)
        {
            for (; k <= end; k++)
            {
                reader.EnsureBits();
                var symbol = reader.DecodeSymbol(table);
                var run = symbol >> 4;
                var size = symbol & 15;
                var value = 0;
                if (size != 0)
                {
                    // Only magnitude 1 is legal here; anything else is treated as 1 like libjpeg does.
                    value = reader.ReadBit() != 0 ? plus : minus;
                }
                else if (run != 15)
                {
                    state.EndOfBandRun = (1 << run) + reader.ReadBits(run);
                    break;
                }

                // Skip `run` zero coefficients, refining the non-zero ones passed on the way.
                do
                {
                    var z = naturalOrder[k];
                    if (block[z] != 0)
                    {
                        Refine(ref reader, ref block[z], plus, minus);
                    }
                    else
                    {
                        if (--run < 0)
                        {
                            break;
                        }
                    }

                    k++;
                }
                while (k <= end);

                if (value != 0)
                {
                    block[naturalOrder[k]] = (short)value;
                }
            }
        }

        if (state.EndOfBandRun > 0)
        {
            for (; k <= end; k++)
            {
                var z = naturalOrder[k];
                if (block[z] != 0)
                {
                    Refine(ref reader, ref block[z], plus, minus);
                }
            }

            state.EndOfBandRun--;
        }
    }

    private static void Refine(ref JpegBitReader reader, ref short coefficient, int plus, int minus)
    {
        reader.EnsureBits();
        if (reader.ReadBit() != 0 && (coefficient & plus) == 0)
        {
            coefficient = (short)(coefficient + (coefficient >= 0 ? plus : minus));
        }
    }

    /// <summary>The scan parameters and the end-of-band run carried from block to block.</summary>
    private struct ScanState(JpegScanHeader scan)
    {
        public readonly int Start = scan.SpectralStart;
        public readonly int End = scan.SpectralEnd;
        public readonly int High = scan.SuccessiveHigh;
        public readonly int Low = scan.SuccessiveLow;
        public int EndOfBandRun;
    }
}
