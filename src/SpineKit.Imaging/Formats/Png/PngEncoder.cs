using System.Buffers.Binary;
using System.IO.Compression;

namespace SpineKit.Imaging.Formats.Png;

/// <summary>
/// Writes 8- and 16-bit PNG files: grey (1 channel), grey+alpha (2), RGB (3) and RGBA (4), non-interlaced,
/// choosing each row's filter by the minimum-sum-of-absolute-differences heuristic.
/// </summary>
public static class PngEncoder
{
    /// <summary>
    /// Encodes an 8-bit image to PNG bytes, recording <paramref name="spacing"/> in a pHYs chunk when given and each
    /// entry of <paramref name="text"/> in a tEXt chunk (keyword 1-79 Latin-1 letters, text in Latin-1).
    /// </summary>
    public static byte[] Encode(Image<byte> image, CompressionLevel level = CompressionLevel.Optimal, PixelSpacing? spacing = null, IReadOnlyList<(string Keyword, string Text)>? text = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var scanlines = new byte[image.Width * image.Channels];
        return Encode(image, 8, level, spacing, text, y =>
        {
            image.Row(y).CopyTo(scanlines);
            return scanlines;
        });
    }

    /// <summary>
    /// Encodes a 16-bit image to PNG bytes (samples written big-endian as the format requires), recording
    /// <paramref name="spacing"/> in a pHYs chunk and <paramref name="text"/> in tEXt chunks when given.
    /// </summary>
    public static byte[] Encode(Image<ushort> image, CompressionLevel level = CompressionLevel.Optimal, PixelSpacing? spacing = null, IReadOnlyList<(string Keyword, string Text)>? text = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var scanlines = new byte[image.Width * image.Channels * 2];
        return Encode(image, 16, level, spacing, text, y =>
        {
            var row = image.Row(y);
            for (var i = 0; i < row.Length; i++)
            {
                BinaryPrimitives.WriteUInt16BigEndian(scanlines.AsSpan(i * 2), row[i]);
            }

            return scanlines;
        });
    }

    /// <summary>
    /// Encodes <paramref name="image"/> (an <see cref="Image{T}"/> of byte or ushort) and writes it to
    /// <paramref name="path"/>, with <paramref name="spacing"/> in a pHYs chunk when given.
    /// </summary>
    public static void Save(Image image, string path, PixelSpacing? spacing = null)
    {
        var bytes = image switch
        {
            Image<byte> bytesImage => Encode(bytesImage, CompressionLevel.Optimal, spacing),
            Image<ushort> wordsImage => Encode(wordsImage, CompressionLevel.Optimal, spacing),
            _ => throw new ArgumentException($"PNG encoding supports 8- and 16-bit images, not {image.GetType().Name}.", nameof(image)),
        };
        File.WriteAllBytes(path, bytes);
    }

    private static byte[] Encode(Image image, int bitDepth, CompressionLevel level, PixelSpacing? spacing, IReadOnlyList<(string Keyword, string Text)>? text, Func<int, byte[]> rowBytes)
    {
        var textChunks = (text ?? []).Select(TextChunk).ToList();
        var colorType = image.Channels switch
        {
            1 => PngColorType.Grey,
            2 => PngColorType.GreyAlpha,
            3 => PngColorType.Rgb,
            _ => PngColorType.Rgba,
        };
        var stride = image.Channels * bitDepth / 8;
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, level, leaveOpen: true))
        {
            var length = image.Width * stride;
            var previous = new byte[length];
            var candidate = new byte[length + 1];
            var best = new byte[length + 1];
            for (var y = 0; y < image.Height; y++)
            {
                var row = rowBytes(y);
                var bestScore = long.MaxValue;
                for (var filter = 0; filter <= 4; filter++)
                {
                    var score = PngFilter.Apply(filter, row, previous, stride, candidate);
                    if (score < bestScore)
                    {
                        bestScore = score;
                        (best, candidate) = (candidate, best);
                    }
                }

                zlib.Write(best);
                row.AsSpan(0, length).CopyTo(previous);
            }
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), image.Height);
        header[8] = (byte)bitDepth;
        header[9] = (byte)colorType;

        var output = new MemoryStream();
        output.Write(PngChunkParser.Signature);
        WriteChunk(output, "IHDR"u8, header);
        if (spacing is { RowSpacing: > 0, ColumnSpacing: > 0 } physical)
        {
            // pHYs holds whole pixels per metre, so sub-micrometre precision is lost (0.139 mm -> 7194 px/m).
            var phys = new byte[9];
            BinaryPrimitives.WriteUInt32BigEndian(phys, (uint)Math.Round(1000 / physical.ColumnSpacing));
            BinaryPrimitives.WriteUInt32BigEndian(phys.AsSpan(4), (uint)Math.Round(1000 / physical.RowSpacing));
            phys[8] = 1;
            WriteChunk(output, "pHYs"u8, phys);
        }

        foreach (var chunk in textChunks)
        {
            WriteChunk(output, "tEXt"u8, chunk);
        }

        WriteChunk(output, "IDAT"u8, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        WriteChunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    private static byte[] TextChunk((string Keyword, string Text) entry)
    {
        // ISO/IEC 15948 11.3.4.3: keyword of 1-79 printable Latin-1 characters, a null separator, then the text.
        var latin1 = System.Text.Encoding.Latin1;
        if (entry.Keyword.Length is < 1 or > 79 || entry.Keyword.Any(c => c is < ' ' or > '\u00FF') || entry.Keyword != entry.Keyword.Trim()
            || entry.Text.Any(c => c > '\u00FF' || c == '\0'))
        {
            throw new ArgumentException($"'{entry.Keyword}' is not a valid PNG text keyword or its text is not Latin-1.", nameof(entry));
        }

        return [.. latin1.GetBytes(entry.Keyword), 0, .. latin1.GetBytes(entry.Text)];
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, PngCrc.Compute(data, PngCrc.Compute(type)));
        output.Write(word);
    }
}
