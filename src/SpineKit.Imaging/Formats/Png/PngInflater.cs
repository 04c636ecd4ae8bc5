using System.IO.Compression;

namespace SpineKit.Imaging.Formats.Png;

/// <summary>
/// Inflates the zlib stream of the IDAT chunks, never past the number of bytes the header implies (no decompression
/// bombs), either whole (<see cref="Inflate"/>) or piece by piece straight into the caller's buffers
/// (<see cref="Open"/>). A forged header on a tiny file cannot force a large allocation: whole inflation grows its
/// buffer with the data actually produced unless the compressed data could really fill the header's size
/// (<see cref="CouldFill"/>).
/// </summary>
internal sealed class PngInflater : IDisposable
{
    /// <summary>
    /// The most bytes deflate can produce per compressed byte: a 258-byte match coded in two bits (RFC 1951's
    /// densest code), so about 1032. A header claiming more than this times the compressed size cannot be filled.
    /// </summary>
    public const long MaximumRatio = 1032;

    private const int InitialCapacity = 1 << 16;

    private readonly MemoryStream _source;
    private readonly ZLibStream _zlib;
    private readonly long _expected;
    private readonly long _offset;
    private long _filled;

    private PngInflater(byte[] compressed, long expected, long offset)
    {
        _source = new MemoryStream(compressed, writable: false);
        _zlib = new ZLibStream(_source, CompressionMode.Decompress);
        _expected = expected;
        _offset = offset;
    }

    /// <summary>
    /// True when <paramref name="compressedLength"/> bytes of deflate data could inflate to
    /// <paramref name="expectedLength"/> bytes, so allocating that much up front is no gift to a forged header.
    /// </summary>
    public static bool CouldFill(long compressedLength, long expectedLength) =>
        expectedLength <= (compressedLength * MaximumRatio) + InitialCapacity;

    /// <summary>A reader of the inflated bytes, for <see cref="ReadExactly"/> calls totalling at most <paramref name="expectedLength"/>.</summary>
    public static PngInflater Open(byte[] compressed, long expectedLength, long offset) => new(compressed, expectedLength, offset);

    /// <summary>Inflates exactly <paramref name="expectedLength"/> bytes into a new array.</summary>
    public static byte[] Inflate(byte[] compressed, long expectedLength, long offset)
    {
        if (expectedLength > Array.MaxLength)
        {
            throw new ImageFormatException("PNG", $"image data of {expectedLength} bytes is too large to decode", offset);
        }

        var expected = (int)expectedLength;

        // Grown with the data actually produced unless the data could fill the whole buffer anyway (the usual case;
        // growing a full-spine film's 21 MB by doubling copies it twice over).
        var buffer = GC.AllocateUninitializedArray<byte>(CouldFill(compressed.Length, expected) ? expected : Math.Min(expected, InitialCapacity));
        var filled = 0;
        using var inflater = Open(compressed, expected, offset);
        while (filled < expected)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(expected, (long)buffer.Length * 2));
            }

            var chunk = Math.Min(buffer.Length - filled, InitialCapacity * 16);
            inflater.ReadExactly(buffer.AsSpan(filled, chunk));
            filled += chunk;
        }

        return buffer;
    }

    /// <summary>Fills <paramref name="destination"/> with the next inflated bytes.</summary>
    /// <exception cref="ImageFormatException">The data ends first, is corrupt, or the read would pass the expected length.</exception>
    public void ReadExactly(Span<byte> destination)
    {
        if (_filled + destination.Length > _expected)
        {
            throw new InvalidOperationException("Reads past the expected length of the image data.");
        }

        try
        {
            while (!destination.IsEmpty)
            {
                var read = _zlib.Read(destination);
                if (read == 0)
                {
                    throw new ImageFormatException("PNG", $"image data ends after {_filled} of {_expected} bytes (truncated or corrupt)", _offset);
                }

                _filled += read;
                destination = destination[read..];
            }
        }
        catch (InvalidDataException exception)
        {
            throw new ImageFormatException("PNG", $"corrupt compressed image data ({exception.Message})", _offset, exception);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _zlib.Dispose();
        _source.Dispose();
    }
}
