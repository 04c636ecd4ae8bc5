namespace SpineKit.Imaging.Formats.Png;

/// <summary>
/// Turns unfiltered scanlines into output samples: low bit depths scaled to 8 bits, palettes expanded to RGB
/// (RGBA when tRNS is present), and a tRNS colour key turned into an alpha channel.
/// </summary>
internal sealed class PngPixelExpander
{
    private readonly PngHeader header;
    private readonly byte[]? palette;
    private readonly byte[]? transparency;
    private readonly long offset;

    public PngPixelExpander(PngHeader header, byte[]? palette, byte[]? transparency, long offset)
    {
        this.header = header;
        this.palette = palette;
        this.transparency = transparency;
        this.offset = offset;
        OutputChannels = ChannelsFor(header, transparency is not null);
    }

    /// <summary>Channels the decoded image has: a tRNS chunk adds alpha to grey, RGB and palette images.</summary>
    public static int ChannelsFor(PngHeader header, bool hasTransparency) => header.ColorType switch
    {
        PngColorType.Grey => hasTransparency ? 2 : 1,
        PngColorType.GreyAlpha => 2,
        PngColorType.Rgb or PngColorType.Palette => hasTransparency ? 4 : 3,
        _ => 4,
    };

    /// <summary>Channels of the decoded image.</summary>
    public int OutputChannels { get; }

    /// <summary>True when samples need no scaling, palette lookup or colour key: 8 or 16 bits without tRNS.</summary>
    public bool IsDirect => header.BitDepth >= 8 && header.ColorType != PngColorType.Palette && transparency is null;

    /// <summary>Writes one 8-bit-output scanline of <paramref name="pass"/> (row <paramref name="passRow"/>).</summary>
    public void ExpandRow(ReadOnlySpan<byte> row, PngPass pass, int passRow, Span<byte> output)
    {
        var channels = OutputChannels;
        var y = pass.StartY + (passRow * pass.StepY);
        if (IsDirect && pass.StepX == 1)
        {
            // 8-bit samples with nothing to expand: the scanline is the output row.
            row[..(pass.Width * channels)].CopyTo(output[(y * header.Width * channels)..]);
            return;
        }

        var depth = header.BitDepth;
        var scale = depth < 8 ? 255 / ((1 << depth) - 1) : 1;
        var samples = header.FileSamplesPerPixel;
        for (var i = 0; i < pass.Width; i++)
        {
            var x = pass.StartX + (i * pass.StepX);
            var target = output.Slice(((y * header.Width) + x) * channels, channels);
            if (header.ColorType == PngColorType.Palette)
            {
                var index = Sample(row, i, depth);
                if (index * 3 >= palette!.Length)
                {
                    throw new ImageFormatException("PNG", $"palette index {index} is outside the {palette.Length / 3}-entry palette", offset);
                }

                target[0] = palette[index * 3];
                target[1] = palette[(index * 3) + 1];
                target[2] = palette[(index * 3) + 2];
                if (channels == 4)
                {
                    target[3] = index < transparency!.Length ? transparency[index] : (byte)255;
                }

                continue;
            }

            var keyed = transparency is not null;
            for (var s = 0; s < samples; s++)
            {
                var value = Sample(row, (i * samples) + s, depth);
                keyed = keyed && value == ((transparency![2 * s] << 8) | transparency[(2 * s) + 1]);
                target[s] = (byte)(value * scale);
            }

            if (transparency is not null)
            {
                target[samples] = keyed ? (byte)0 : (byte)255;
            }
        }
    }

    /// <summary>Writes one 16-bit scanline of <paramref name="pass"/> (row <paramref name="passRow"/>).</summary>
    public void ExpandRow(ReadOnlySpan<byte> row, PngPass pass, int passRow, Span<ushort> output)
    {
        var channels = OutputChannels;
        var y = pass.StartY + (passRow * pass.StepY);
        if (IsDirect && pass.StepX == 1)
        {
            // 16-bit samples with nothing to expand: only the byte order changes.
            var source = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(row[..(pass.Width * channels * 2)]);
            var target = output.Slice(y * header.Width * channels, source.Length);
            if (BitConverter.IsLittleEndian)
            {
                System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(source, target);
            }
            else
            {
                source.CopyTo(target);
            }

            return;
        }

        var samples = header.FileSamplesPerPixel;
        for (var i = 0; i < pass.Width; i++)
        {
            var x = pass.StartX + (i * pass.StepX);
            var target = output.Slice(((y * header.Width) + x) * channels, channels);
            var keyed = transparency is not null;
            for (var s = 0; s < samples; s++)
            {
                var at = ((i * samples) + s) * 2;
                var value = (row[at] << 8) | row[at + 1];
                keyed = keyed && value == ((transparency![2 * s] << 8) | transparency[(2 * s) + 1]);
                target[s] = (ushort)value;
            }

            if (transparency is not null)
            {
                target[samples] = keyed ? (ushort)0 : ushort.MaxValue;
            }
        }
    }

    /// <summary>Sample <paramref name="index"/> of a scanline packed at <paramref name="depth"/> bits (most significant first).</summary>
    private static int Sample(ReadOnlySpan<byte> row, int index, int depth)
    {
        switch (depth)
        {
            case 8:
                return row[index];
            case 16:
                return (row[index * 2] << 8) | row[(index * 2) + 1];
            default:
                var bit = index * depth;
                var shift = 8 - depth - (bit & 7);
                return (row[bit >> 3] >> shift) & ((1 << depth) - 1);
        }
    }
}
