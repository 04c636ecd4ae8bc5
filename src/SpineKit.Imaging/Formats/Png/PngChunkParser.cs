using System.Buffers.Binary;

namespace SpineKit.Imaging.Formats.Png;

/// <summary>
/// Walks the chunk list of a PNG file, checking signature, lengths, CRCs and chunk order, and collects
/// the chunks the decoder needs. Ancillary chunks it does not understand are skipped (after their CRC check).
/// </summary>
internal static class PngChunkParser
{
    /// <summary>The eight bytes every PNG file starts with.</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private const uint Ihdr = 0x49484452;
    private const uint Plte = 0x504C5445;
    private const uint Idat = 0x49444154;
    private const uint Iend = 0x49454E44;
    private const uint Trns = 0x74524E53;
    private const uint Phys = 0x70485973;

    /// <summary>Parses the chunks; with <paramref name="headersOnly"/> the image data is checked but not copied.</summary>
    public static PngStructure Parse(ReadOnlySpan<byte> file, bool headersOnly = false)
    {
        if (file.Length < Signature.Length || !file[..Signature.Length].SequenceEqual(Signature))
        {
            throw new ImageFormatException("PNG", "missing PNG signature", 0);
        }

        PngHeader? header = null;
        byte[]? palette = null;
        byte[]? transparency = null;
        PixelSpacing? spacing = null;
        var data = new List<(int Start, int Length)>();
        long compressedLength = 0;
        long firstDataOffset = -1;
        var dataEnded = false;
        var position = Signature.Length;
        while (true)
        {
            if (file.Length - position < 12)
            {
                throw new ImageFormatException("PNG", "file is truncated (no IEND chunk)", position);
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(file[position..]);
            var type = BinaryPrimitives.ReadUInt32BigEndian(file[(position + 4)..]);
            var name = ChunkName(file.Slice(position + 4, 4));
            if (length > int.MaxValue || length > file.Length - position - 12)
            {
                throw new ImageFormatException("PNG", $"chunk '{name}' claims {length} bytes, past the end of the file", position);
            }

            var body = file.Slice(position + 8, (int)length);
            var storedCrc = BinaryPrimitives.ReadUInt32BigEndian(file[(position + 8 + (int)length)..]);
            if (PngCrc.Compute(file.Slice(position + 4, 4 + (int)length)) != storedCrc)
            {
                throw new ImageFormatException("PNG", $"CRC mismatch in chunk '{name}' (file is corrupt)", position);
            }

            if (header is null && type != Ihdr)
            {
                throw new ImageFormatException("PNG", $"first chunk is '{name}', expected IHDR", position);
            }

            if (data.Count > 0 && type != Idat)
            {
                dataEnded = true;
            }

            switch (type)
            {
                case Ihdr:
                    if (header is not null)
                    {
                        throw new ImageFormatException("PNG", "duplicate IHDR chunk", position);
                    }

                    header = PngHeader.Parse(body, position + 8);
                    break;
                case Plte:
                    palette = ParsePalette(body, header!.Value, palette, data.Count > 0, position);
                    break;
                case Trns:
                    transparency = ParseTransparency(body, header!.Value, palette, position);
                    break;
                case Phys:
                    spacing = ParseSpacing(body);
                    break;
                case Idat:
                    if (dataEnded)
                    {
                        throw new ImageFormatException("PNG", "IDAT chunks are not consecutive", position);
                    }

                    if (firstDataOffset < 0)
                    {
                        firstDataOffset = position;
                    }

                    data.Add((position + 8, (int)length));
                    compressedLength += length;
                    break;
                case Iend:
                    return Finish(file, header!.Value, palette, transparency, data, headersOnly ? 0 : compressedLength, firstDataOffset, position) with
                    {
                        PixelSpacing = spacing,
                    };
                default:
                    if ((file[position + 4] & 0x20) == 0)
                    {
                        throw new ImageFormatException("PNG", $"unknown critical chunk '{name}'", position);
                    }

                    break;
            }

            position += 12 + (int)length;
        }
    }

    private static PngStructure Finish(
        ReadOnlySpan<byte> file,
        PngHeader header,
        byte[]? palette,
        byte[]? transparency,
        List<(int Start, int Length)> data,
        long compressedLength,
        long firstDataOffset,
        int iendOffset)
    {
        if (data.Count == 0)
        {
            throw new ImageFormatException("PNG", "no IDAT chunk (no image data)", iendOffset);
        }

        if (header.ColorType == PngColorType.Palette && palette is null)
        {
            throw new ImageFormatException("PNG", "palette image without a PLTE chunk", firstDataOffset);
        }

        // The compressed total is bounded by the file length, so this copy never exceeds the input size.
        var compressed = new byte[compressedLength];
        var at = 0;
        foreach (var (start, length) in compressedLength == 0 ? [] : data)
        {
            file.Slice(start, length).CopyTo(compressed.AsSpan(at));
            at += length;
        }

        return new PngStructure(header, palette, transparency, compressed, firstDataOffset, null);
    }

    private static byte[] ParsePalette(ReadOnlySpan<byte> body, PngHeader header, byte[]? previous, bool afterData, int position)
    {
        if (previous is not null)
        {
            throw new ImageFormatException("PNG", "duplicate PLTE chunk", position);
        }

        if (afterData)
        {
            throw new ImageFormatException("PNG", "PLTE chunk after image data", position);
        }

        if (header.ColorType is PngColorType.Grey or PngColorType.GreyAlpha)
        {
            throw new ImageFormatException("PNG", "PLTE chunk in a greyscale image", position);
        }

        var entries = body.Length / 3;
        if (body.Length % 3 != 0 || entries == 0 || entries > 256 ||
            (header.ColorType == PngColorType.Palette && entries > 1 << header.BitDepth))
        {
            throw new ImageFormatException("PNG", $"PLTE chunk has invalid length {body.Length}", position);
        }

        return body.ToArray();
    }

    private static byte[] ParseTransparency(ReadOnlySpan<byte> body, PngHeader header, byte[]? palette, int position)
    {
        var valid = header.ColorType switch
        {
            PngColorType.Grey => body.Length == 2,
            PngColorType.Rgb => body.Length == 6,
            PngColorType.Palette => palette is not null && body.Length <= palette.Length / 3,
            _ => false,
        };
        if (!valid)
        {
            throw new ImageFormatException("PNG", $"tRNS chunk of {body.Length} bytes is invalid for colour type {(int)header.ColorType}", position);
        }

        return body.ToArray();
    }

    /// <summary>
    /// pHYs in pixels per metre gives the spacing in millimetres; an aspect-ratio-only pHYs (unit 0) or a zero
    /// density says nothing physical and is ignored, as is a malformed chunk (it is ancillary).
    /// </summary>
    private static PixelSpacing? ParseSpacing(ReadOnlySpan<byte> body)
    {
        if (body.Length != 9 || body[8] != 1)
        {
            return null;
        }

        var perMetreX = BinaryPrimitives.ReadUInt32BigEndian(body);
        var perMetreY = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
        return perMetreX is 0 or > int.MaxValue || perMetreY is 0 or > int.MaxValue ? null : new PixelSpacing(1000.0 / perMetreY, 1000.0 / perMetreX);
    }

    private static string ChunkName(ReadOnlySpan<byte> type)
    {
        Span<char> chars = stackalloc char[4];
        for (var i = 0; i < 4; i++)
        {
            chars[i] = type[i] is >= 0x20 and < 0x7F ? (char)type[i] : '?';
        }

        return new string(chars);
    }
}
