namespace SpineKit.Imaging.Formats.Jpeg;

/// <summary>A parsed SOS segment: the components the scan codes, their tables and the spectral/predictor parameters.</summary>
internal sealed class JpegScanHeader
{
    private JpegScanHeader(JpegComponent[] components, int start, int end, int high, int low)
    {
        Components = components;
        SpectralStart = start;
        SpectralEnd = end;
        SuccessiveHigh = high;
        SuccessiveLow = low;
    }

    public JpegComponent[] Components { get; }

    /// <summary>Ss: first coefficient of a progressive scan, or the predictor (1..7) of a lossless one.</summary>
    public int SpectralStart { get; }

    /// <summary>Se: last coefficient of a progressive scan.</summary>
    public int SpectralEnd { get; }

    /// <summary>Ah: the bit position of the previous pass (0 for a first pass).</summary>
    public int SuccessiveHigh { get; }

    /// <summary>Al: the bit position of this pass, or the lossless point transform.</summary>
    public int SuccessiveLow { get; }

    public bool IsInterleaved => Components.Length > 1;

    /// <summary>Parses and validates an SOS payload against the frame and the tables defined so far.</summary>
    public static JpegScanHeader Parse(ReadOnlySpan<byte> payload, long offset, JpegFrame frame, HuffmanTable?[] dcTables, HuffmanTable?[] acTables)
    {
        if (payload.Length < 1)
        {
            throw new ImageFormatException("JPEG", "scan header (SOS) is empty", offset);
        }

        int count = payload[0];
        if (count < 1 || count > frame.Components.Length)
        {
            throw new ImageFormatException("JPEG", $"scan codes {count} components but the frame has {frame.Components.Length}", offset);
        }

        if (payload.Length < 1 + (2 * count) + 3)
        {
            throw new ImageFormatException("JPEG", "scan header (SOS) is shorter than its component list", offset);
        }

        var tail = 1 + (2 * count);
        int ss = payload[tail];
        int se = payload[tail + 1];
        var ah = payload[tail + 2] >> 4;
        var al = payload[tail + 2] & 15;
        var components = new JpegComponent[count];
        var blocksPerMcu = 0;
        for (var i = 0; i < count; i++)
        {
            var id = payload[1 + (2 * i)];
            var component = Array.Find(frame.Components, c => c.Id == id)
                ?? throw new ImageFormatException("JPEG", $"scan names component id {id}, which the frame does not define", offset + 1 + (2 * i));
            if (Array.IndexOf(components, component, 0, i) >= 0)
            {
                throw new ImageFormatException("JPEG", $"scan names component id {id} twice", offset + 1 + (2 * i));
            }

            var tables = payload[2 + (2 * i)];
            component.DcTableId = tables >> 4;
            component.AcTableId = tables & 15;
            if (component.DcTableId > 3 || component.AcTableId > 3)
            {
                throw new ImageFormatException("JPEG", "scan selects a Huffman table outside 0..3", offset + 2 + (2 * i));
            }

            components[i] = component;
            blocksPerMcu += component.HorizontalFactor * component.VerticalFactor;
        }

        if (count > 1 && blocksPerMcu > 10)
        {
            throw new ImageFormatException("JPEG", $"interleaved scan has {blocksPerMcu} blocks per MCU (at most 10 allowed)", offset);
        }

        var needDc = frame.IsLossless || !frame.IsProgressive || (ss == 0 && ah == 0);
        var needAc = !frame.IsLossless && (!frame.IsProgressive || ss > 0);
        foreach (var component in components)
        {
            if (needDc && dcTables[component.DcTableId] is null)
            {
                throw new ImageFormatException("JPEG", $"scan uses DC/lossless Huffman table {component.DcTableId}, which was never defined", offset);
            }

            if (needAc && acTables[component.AcTableId] is null)
            {
                throw new ImageFormatException("JPEG", $"scan uses AC Huffman table {component.AcTableId}, which was never defined", offset);
            }
        }

        if (frame.IsProgressive)
        {
            var valid = ss <= se && se <= 63 && ah <= 13 && al <= 13 && (ss == 0 ? se == 0 : count == 1);
            if (!valid)
            {
                throw new ImageFormatException("JPEG", $"invalid progressive scan parameters Ss={ss} Se={se} Ah={ah} Al={al}", offset + tail);
            }
        }
        else if (frame.IsLossless)
        {
            if (ss is < 1 or > 7)
            {
                throw new ImageFormatException("JPEG", $"lossless predictor {ss} is not valid (1..7)", offset + tail);
            }

            if (al >= frame.Precision)
            {
                throw new ImageFormatException("JPEG", $"point transform {al} is not below the precision {frame.Precision}", offset + tail + 2);
            }
        }

        return new JpegScanHeader(components, ss, se, ah, al);
    }
}
