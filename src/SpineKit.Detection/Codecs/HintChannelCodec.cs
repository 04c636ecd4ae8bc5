using System.Numerics;
using SpineKit.Anatomy;

namespace SpineKit.Detection.Codecs;

/// <summary>
/// Encodes user corrections as extra network input: one channel per corner kind (tl, tr, bl, br), each
/// a Gaussian blob of peak 1 at every hinted corner of that kind, zero where no hint was given.
/// </summary>
internal static class HintChannelCodec
{
    /// <summary>Number of channels: one per corner kind.</summary>
    public const int Channels = 4;

    /// <summary>Blob radius (standard deviation) in network-input pixels.</summary>
    public const float Sigma = 2.5f;

    /// <summary>
    /// Writes the hint planes (<see cref="Channels"/> x <paramref name="height"/> x <paramref name="width"/>)
    /// into <paramref name="destination"/>, which must be zeroed; points are in network-input pixels.
    /// </summary>
    public static void Encode(IEnumerable<(Corner Corner, Vector2 Point)> hints, int width, int height, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(hints);
        if (destination.Length != Channels * width * height)
        {
            throw new ArgumentException($"Expected {Channels * width * height} values.", nameof(destination));
        }

        var radius = (int)MathF.Ceiling(3 * Sigma);
        foreach (var (corner, point) in hints)
        {
            var plane = destination.Slice((int)corner * width * height, width * height);

            // Pixel (x, y) covers [x, x + 1): its centre is at x + 0.5.
            var cx = (int)MathF.Floor(point.X);
            var cy = (int)MathF.Floor(point.Y);
            for (var y = Math.Max(0, cy - radius); y <= Math.Min(height - 1, cy + radius); y++)
            {
                for (var x = Math.Max(0, cx - radius); x <= Math.Min(width - 1, cx + radius); x++)
                {
                    float dx = x + 0.5f - point.X, dy = y + 0.5f - point.Y;
                    var value = MathF.Exp(-((dx * dx) + (dy * dy)) / (2 * Sigma * Sigma));
                    plane[(y * width) + x] = MathF.Max(plane[(y * width) + x], value);
                }
            }
        }
    }
}
