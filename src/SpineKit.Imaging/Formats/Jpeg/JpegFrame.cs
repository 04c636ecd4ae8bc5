namespace SpineKit.Imaging.Formats.Jpeg;

/// <summary>A parsed SOF segment: image size, precision, process and components, with the MCU geometry.</summary>
internal sealed class JpegFrame
{
    /// <summary>The most components any supported colour space has.</summary>
    public const int MaxComponents = 4;

    /// <summary>The largest per-component buffer (samples, including MCU padding) a header may ask for.</summary>
    public const long MaxPaddedSamples = 1L << 29;

    private JpegFrame(JpegProcess process, int precision, int width, int height, JpegComponent[] components)
    {
        Process = process;
        Precision = precision;
        Width = width;
        Height = height;
        Components = components;
        MaxHorizontalFactor = components.Max(c => c.HorizontalFactor);
        MaxVerticalFactor = components.Max(c => c.VerticalFactor);
        var unit = IsLossless ? 1 : 8;
        McusPerLine = DivideCeiling(width, unit * MaxHorizontalFactor);
        McusPerColumn = DivideCeiling(height, unit * MaxVerticalFactor);
        foreach (var c in components)
        {
            c.Width = DivideCeiling(width * c.HorizontalFactor, MaxHorizontalFactor);
            c.Height = DivideCeiling(height * c.VerticalFactor, MaxVerticalFactor);
            c.WidthInBlocks = DivideCeiling(c.Width, unit);
            c.HeightInBlocks = DivideCeiling(c.Height, unit);
            c.BlocksPerLine = McusPerLine * c.HorizontalFactor;
            c.BlocksPerColumn = McusPerColumn * c.VerticalFactor;
            c.Stride = c.BlocksPerLine * unit;
        }
    }

    public JpegProcess Process { get; }

    /// <summary>Byte offset of the SOF payload, for error messages about the frame found after its header.</summary>
    public long Offset { get; private init; }

    public int Precision { get; }

    public int Width { get; }

    public int Height { get; }

    public JpegComponent[] Components { get; }

    public int MaxHorizontalFactor { get; }

    public int MaxVerticalFactor { get; }

    /// <summary>MCUs per row of an interleaved scan.</summary>
    public int McusPerLine { get; }

    /// <summary>MCU rows of an interleaved scan.</summary>
    public int McusPerColumn { get; }

    public bool IsLossless => Process == JpegProcess.Lossless;

    public bool IsProgressive => Process == JpegProcess.Progressive;

    /// <summary>Parses and validates a SOF0/1/2/3 payload; <paramref name="offset"/> is where the payload starts.</summary>
    public static JpegFrame Parse(JpegProcess process, ReadOnlySpan<byte> payload, long offset)
    {
        if (payload.Length < 6)
        {
            throw new ImageFormatException("JPEG", "frame header (SOF) is too short", offset);
        }

        int precision = payload[0];
        var height = (payload[1] << 8) | payload[2];
        var width = (payload[3] << 8) | payload[4];
        int count = payload[5];
        var validPrecision = process switch
        {
            JpegProcess.Baseline => precision == 8,
            JpegProcess.Lossless => precision is >= 2 and <= 16,
            _ => precision is 8 or 12,
        };
        if (!validPrecision)
        {
            throw new ImageFormatException("JPEG", $"sample precision {precision} is not valid for the {process} process", offset);
        }

        if (height == 0)
        {
            throw new ImageFormatException("JPEG", "image height 0 (defined later by a DNL marker) is not supported", offset + 1);
        }

        if (width == 0)
        {
            throw new ImageFormatException("JPEG", "image width is 0", offset + 3);
        }

        if ((long)width * height > Image.MaxPixelCount)
        {
            throw new ImageFormatException("JPEG", $"image of {width}x{height} pixels exceeds the limit of {Image.MaxPixelCount}", offset + 1);
        }

        if (count is not (1 or 3 or 4))
        {
            throw new ImageFormatException("JPEG", $"{count} components are not supported (only 1, 3 or 4)", offset + 5);
        }

        if (payload.Length < 6 + (3 * count))
        {
            throw new ImageFormatException("JPEG", "frame header (SOF) is shorter than its component list", offset);
        }

        var components = new JpegComponent[count];
        for (var i = 0; i < count; i++)
        {
            var at = 6 + (3 * i);
            var h = payload[at + 1] >> 4;
            var v = payload[at + 1] & 15;
            if (h is < 1 or > 4 || v is < 1 or > 4)
            {
                throw new ImageFormatException("JPEG", $"component {i} has invalid sampling factors {h}x{v}", offset + at + 1);
            }

            int tq = payload[at + 2];
            if (tq > 3)
            {
                throw new ImageFormatException("JPEG", $"component {i} selects quantisation table {tq} (0..3 allowed)", offset + at + 2);
            }

            for (var j = 0; j < i; j++)
            {
                if (components[j].Id == payload[at])
                {
                    throw new ImageFormatException("JPEG", $"component id {payload[at]} appears twice", offset + at);
                }
            }

            components[i] = new JpegComponent { Id = payload[at], Index = i, HorizontalFactor = h, VerticalFactor = v, QuantizationTableId = tq };
        }

        if (count == 1)
        {
            // A single-component frame is always coded non-interleaved with one block per MCU (T.81 A.2.2).
            var only = components[0];
            components[0] = new JpegComponent { Id = only.Id, Index = 0, HorizontalFactor = 1, VerticalFactor = 1, QuantizationTableId = only.QuantizationTableId };
        }

        var frame = new JpegFrame(process, precision, width, height, components) { Offset = offset };
        foreach (var c in frame.Components)
        {
            var unit = frame.IsLossless ? 1 : 8;
            if ((long)c.Stride * c.BlocksPerColumn * unit > MaxPaddedSamples)
            {
                throw new ImageFormatException("JPEG", $"component {c.Index} padded to whole MCUs exceeds {MaxPaddedSamples} samples", offset);
            }
        }

        return frame;
    }

    private static int DivideCeiling(int a, int b) => (a + b - 1) / b;
}
