using System.Runtime.CompilerServices;

namespace SpineKit.Imaging.Formats.Jpeg;

/// <summary>
/// Decodes a lossless (process 14) scan: Huffman-coded differences added to one of the seven predictors of
/// ITU T.81 H.1.2, modulo 2^16, on samples reduced by the point transform. Samples go into the components'
/// <see cref="JpegComponent.LosslessSamples"/>; the point transform is undone when the image is assembled.
/// </summary>
internal static class LosslessScanDecoder
{
    /// <summary>Decodes the scan starting at <paramref name="position"/>; returns the offset where its data ends.</summary>
    /// <remarks>Runs once per scan, so it is compiled fully optimised at once rather than tiered up mid-image.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Decode(ReadOnlySpan<byte> data, int position, JpegFrame frame, JpegScanHeader scan, JpegTables tables)
    {
        var reader = new JpegBitReader(data, position);
        var components = scan.Components;
        var predictor = scan.SpectralStart;
        var pointTransform = scan.SuccessiveLow;
        var initial = 1 << (frame.Precision - pointTransform - 1);
        var mask = (1 << (frame.Precision - pointTransform)) - 1;
        var firstRow = new int[components.Length];
        var reset = new bool[components.Length];
        Array.Fill(reset, true);
        foreach (var c in components)
        {
            c.PointTransform = pointTransform;
        }

        var huffman = new HuffmanTable[components.Length];
        var planes = new int[components.Length][];
        for (var i = 0; i < components.Length; i++)
        {
            huffman[i] = tables.Dc[components[i].DcTableId]!;
            planes[i] = components[i].LosslessSamples!;
        }

        var interleaved = scan.IsInterleaved;
        var mcusPerLine = interleaved ? frame.McusPerLine : components[0].WidthInBlocks;
        var mcuRows = interleaved ? frame.McusPerColumn : components[0].HeightInBlocks;
        var restartInterval = tables.RestartInterval;
        var sinceRestart = 0;
        for (var my = 0; my < mcuRows; my++)
        {
            for (var mx = 0; mx < mcusPerLine; mx++)
            {
                if (restartInterval > 0 && sinceRestart == restartInterval)
                {
                    reader.Restart();
                    for (var i = 0; i < components.Length; i++)
                    {
                        reset[i] = true;
                        firstRow[i] = interleaved ? my * components[i].VerticalFactor : my;
                    }

                    sinceRestart = 0;
                }

                sinceRestart++;
                for (var i = 0; i < components.Length; i++)
                {
                    var c = components[i];
                    var table = huffman[i];
                    var samples = planes[i];
                    var stride = c.Stride;
                    var hf = interleaved ? c.HorizontalFactor : 1;
                    var vf = interleaved ? c.VerticalFactor : 1;
                    for (var v = 0; v < vf; v++)
                    {
                        for (var h = 0; h < hf; h++)
                        {
                            var x = (mx * hf) + h;
                            var y = (my * vf) + v;
                            var at = (y * stride) + x;
                            int prediction;
                            if (reset[i])
                            {
                                prediction = initial;
                                reset[i] = false;
                            }
                            else if (y == firstRow[i])
                            {
                                prediction = x > 0 ? samples[at - 1] : initial;
                            }
                            else if (x == 0)
                            {
                                prediction = samples[at - stride];
                            }
                            else
                            {
                                prediction = Predict(predictor, samples[at - 1], samples[at - stride], samples[at - stride - 1]);
                            }

                            var difference = 0;
                            if (!reader.IsOverrun)
                            {
                                reader.EnsureBits();
                                var size = reader.DecodeSymbol(table);
                                difference = size switch
                                {
                                    0 => 0,
                                    16 => 32768,
                                    > 16 => 0,
                                    _ => reader.ReceiveExtend(size),
                                };
                            }

                            samples[at] = (prediction + difference) & 0xFFFF & mask;
                        }
                    }
                }
            }
        }

        return reader.FindNextMarker();
    }

    /// <summary>The prediction of selection value 1..7 from the left (a), above (b) and above-left (c) samples.</summary>
    internal static int Predict(int selection, int a, int b, int c) => selection switch
    {
        1 => a,
        2 => b,
        3 => c,
        4 => a + b - c,
        5 => a + ((b - c) >> 1),
        6 => b + ((a - c) >> 1),
        _ => (a + b) >> 1,
    };
}
