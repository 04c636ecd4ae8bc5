namespace SpineKit.Imaging;

/// <summary>
/// A decoded raster: <see cref="Width"/> x <see cref="Height"/> pixels of <see cref="Channels"/> interleaved
/// samples, rows top to bottom. The sample type is fixed by the concrete <see cref="Image{T}"/>.
/// </summary>
public abstract class Image
{
    /// <summary>The largest image any SpineKit reader will allocate (2^28 pixels).</summary>
    public const long MaxPixelCount = 1L << 28;

    /// <summary>Creates the shape, rejecting sizes no reader should ever allocate.</summary>
    protected Image(int width, int height, int channels, int bitDepth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(bitDepth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bitDepth, 32);
        if ((long)width * height > MaxPixelCount)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height} exceeds {MaxPixelCount} pixels.");
        }

        Width = width;
        Height = height;
        Channels = channels;
        BitDepth = bitDepth;
    }

    /// <summary>Pixels per row.</summary>
    public int Width { get; }

    /// <summary>Number of rows.</summary>
    public int Height { get; }

    /// <summary>Samples per pixel: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA.</summary>
    public int Channels { get; }

    /// <summary>Significant bits per sample (e.g. 8, 12, 16); for float images 32.</summary>
    public int BitDepth { get; }

    /// <summary>Number of pixels, <c>Width * Height</c>.</summary>
    public int PixelCount => Width * Height;
}

/// <summary>An image whose samples are stored as <typeparamref name="T"/> (byte, ushort or float).</summary>
/// <typeparam name="T">The sample type.</typeparam>
public sealed class Image<T> : Image
    where T : unmanaged
{
    /// <summary>Allocates a zeroed image.</summary>
    public Image(int width, int height, int channels = 1, int? bitDepth = null)
        : base(width, height, channels, bitDepth ?? DefaultBitDepth())
    {
        Pixels = new T[(long)width * height * channels];
    }

    /// <summary>Wraps existing interleaved samples (not copied); the length must match the shape.</summary>
    public Image(int width, int height, int channels, T[] pixels, int? bitDepth = null)
        : base(width, height, channels, bitDepth ?? DefaultBitDepth())
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.LongLength != (long)width * height * channels)
        {
            throw new ArgumentException($"Expected {(long)width * height * channels} samples, got {pixels.LongLength}.", nameof(pixels));
        }

        Pixels = pixels;
    }

    /// <summary>All samples, row-major, channels interleaved.</summary>
    public T[] Pixels { get; }

    /// <summary>The samples of row <paramref name="y"/>.</summary>
    public Span<T> Row(int y) => Pixels.AsSpan(y * Width * Channels, Width * Channels);

    /// <summary>Sample (<paramref name="x"/>, <paramref name="y"/>) of channel <paramref name="channel"/>.</summary>
    public ref T this[int x, int y, int channel = 0] => ref Pixels[((y * Width) + x) * Channels + channel];

    /// <summary>A deep copy.</summary>
    public Image<T> Clone() => new(Width, Height, Channels, (T[])Pixels.Clone(), BitDepth);

    private static int DefaultBitDepth() => System.Runtime.CompilerServices.Unsafe.SizeOf<T>() * 8;
}
