namespace SpineKit.Neural.Kernels;

/// <summary>
/// Copies channel planes into a buffer with a zero border of the convolution's padding, so that packing code
/// can read every kernel tap without bounds checks. The copy costs one pass over the input, far less than the
/// KH*KW passes the packing makes over it.
/// </summary>
internal static unsafe class PaddedImage
{
    /// <summary>The layout of an input with the padding of <paramref name="g"/>.</summary>
    public static PaddedLayout LayoutOf(in Conv2dGeometry g) => new(g.InHeight + (2 * g.PadY), g.InWidth + (2 * g.PadX));

    /// <summary>Whether the input can be read in place (no padding to add).</summary>
    public static bool NeedsCopy(in Conv2dGeometry g) => g.PadY != 0 || g.PadX != 0;

    /// <summary>Writes channels <paramref name="channel0"/> .. <paramref name="channel1"/> of <paramref name="source"/> into <paramref name="target"/> with a zero border.</summary>
    public static void Copy(in Conv2dGeometry g, ChannelPlanes source, float* target, int channel0, int channel1)
    {
        var layout = LayoutOf(g);
        int h = g.InHeight, w = g.InWidth;
        for (var c = channel0; c < channel1; c++)
        {
            var plane = target + ((long)c * layout.Plane);
            new Span<float>(plane, g.PadY * layout.Width).Clear();
            new Span<float>(plane + ((long)(g.PadY + h) * layout.Width), g.PadY * layout.Width).Clear();
            for (var y = 0; y < h; y++)
            {
                var row = plane + ((long)(g.PadY + y) * layout.Width);
                new Span<float>(row, g.PadX).Clear();
                new ReadOnlySpan<float>(source.Plane(c) + ((long)y * w), w).CopyTo(new Span<float>(row + g.PadX, w));
                new Span<float>(row + g.PadX + w, g.PadX).Clear();
            }
        }
    }

    /// <summary>Copies <paramref name="channels"/> contiguous planes of one image with their border, split by plane between the allowed threads.</summary>
    public static void CopyParallel(Conv2dGeometry g, float* image, float* padded, int channels, KernelOptions options)
        => CopyParallel(g, ChannelPlanes.Contiguous(image, channels, (long)g.InHeight * g.InWidth), 1, 0, channels, padded, options);

    /// <summary>
    /// Copies planes <paramref name="channel0"/> .. <paramref name="channel0"/> + <paramref name="channels"/> of each of
    /// the first <paramref name="images"/> images of <paramref name="input"/> (<see cref="Conv2dGeometry.InChannels"/>
    /// planes per image) with their zero border, image after image, split by plane between the allowed threads.
    /// </summary>
    public static void CopyParallel(Conv2dGeometry g, ChannelPlanes input, int images, int channel0, int channels, float* padded, KernelOptions options)
    {
        var layout = LayoutOf(g);
        var planes = images * channels;

        // Below 64K floats the copy is shorter than waking a second thread.
        var workers = (long)planes * g.InHeight * g.InWidth < (1 << 16) ? 1 : Math.Min(options.Threads, planes);
        var target = (nint)padded;
        KernelParallel.Run(workers, t =>
        {
            int first = KernelParallel.Start(planes, workers, t), last = KernelParallel.Start(planes, workers, t + 1);
            for (var plane = first; plane < last;)
            {
                // The run of planes of one image this worker copies.
                int n = plane / channels, c0 = plane % channels, c1 = Math.Min(channels, c0 + (last - plane));
                Copy(g, input.Image(n, g.InChannels, channel0), (float*)target + ((long)n * channels * layout.Plane), c0, c1);
                plane += c1 - c0;
            }
        });
    }

    /// <summary>
    /// Writes rows <paramref name="row0"/> .. <paramref name="row0"/>+<paramref name="rows"/> of the padded image
    /// (row 0 is the top of the border) of <paramref name="channels"/> planes, as planes of <paramref name="planeRows"/> rows.
    /// </summary>
    public static void CopyBand(in Conv2dGeometry g, ChannelPlanes source, float* target, int channels, int row0, int rows, int planeRows)
    {
        var width = g.InWidth + (2 * g.PadX);
        int h = g.InHeight, w = g.InWidth;
        for (var c = 0; c < channels; c++)
        {
            for (var r = 0; r < rows; r++)
            {
                var row = target + ((((long)c * planeRows) + r) * width);
                var y = row0 + r - g.PadY;
                if ((uint)y >= (uint)h)
                {
                    new Span<float>(row, width).Clear();
                    continue;
                }

                new Span<float>(row, g.PadX).Clear();
                new ReadOnlySpan<float>(source.Plane(c) + ((long)y * w), w).CopyTo(new Span<float>(row + g.PadX, w));
                new Span<float>(row + g.PadX + w, g.PadX).Clear();
            }
        }
    }
}
