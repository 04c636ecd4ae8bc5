using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SpineKit.Neural.Kernels;

/// <summary>
/// Implicit im2col: packs GEMM B panels (rows = kernel taps <c>(ci, ky, kx)</c>, columns = output pixels)
/// straight from a zero-padded image, so the column matrix is never materialised. Because the image already
/// carries its zero border, every tap of every output pixel is in bounds and packing is pure copying: for each
/// strip the 32 pixel offsets are computed once, and every run of 8 offsets that is contiguous (stride 1,
/// within one output row, the common case) is moved with one 256-bit load and store per tap.
/// </summary>
internal readonly unsafe struct ConvolutionPanels : IGemmPanelSource
{
    private const int Group = 8;

    /// <summary>How far ahead of the current strip to prefetch, in floats (four strips).</summary>
    private const int PrefetchDistance = 4 * GemmTile.Columns;

    private readonly float* image;
    private readonly PaddedLayout layout;
    private readonly Conv2dGeometry g;
    private readonly int pixels;
    private readonly int* tapOffsets;

    /// <summary>
    /// Packs taps of geometry <paramref name="g"/> from <paramref name="image"/> laid out as <paramref name="layout"/>,
    /// whose first row is the top of the first output row; <paramref name="pixels"/> output pixels exist, and
    /// <paramref name="tapOffsets"/> holds <see cref="TapOffsets"/> for this layout.
    /// </summary>
    public ConvolutionPanels(float* image, PaddedLayout layout, in Conv2dGeometry g, int pixels, int* tapOffsets)
    {
        this.tapOffsets = tapOffsets;
        this.image = image;
        this.layout = layout;
        this.g = g;
        this.pixels = pixels;
    }

    /// <inheritdoc/>
    public void Pack(int k0, int kc, int n0, float* panel)
    {
        int ow = g.OutWidth, width = layout.Width;
        var offsets = stackalloc int[GemmTile.Columns];
        var contiguous = stackalloc bool[GemmTile.Columns / Group];
        for (var j = 0; j < GemmTile.Columns; j++)
        {
            var pixel = n0 + j;
            offsets[j] = pixel < pixels ? ((pixel / ow) * g.StrideY * width) + ((pixel % ow) * g.StrideX) : -1;
        }

        for (var group = 0; group < GemmTile.Columns / Group; group++)
        {
            var first = offsets[group * Group];
            var run = first >= 0;
            for (var j = 1; run && j < Group; j++)
            {
                run = offsets[(group * Group) + j] == first + j;
            }

            contiguous[group] = run;
        }

        for (var p = 0; p < kc; p++)
        {
            var source = image + tapOffsets[k0 + p];
            var target = panel + (p * GemmTile.Columns);
            if (Sse.IsSupported && contiguous[0])
            {
                // A layer with many input planes streams from more pages than the hardware prefetcher tracks;
                // ask for each tap row's data a few strips ahead so it is in cache when its strip is packed.
                Sse.Prefetch0(source + offsets[0] + PrefetchDistance);
            }

            for (var group = 0; group < GemmTile.Columns / Group; group++)
            {
                var at = group * Group;
                if (contiguous[group])
                {
                    Vector256.Store(Vector256.Load(source + offsets[at]), target + at);
                }
                else
                {
                    for (var j = at; j < at + Group; j++)
                    {
                        target[j] = offsets[j] >= 0 ? source[offsets[j]] : 0f;
                    }
                }
            }
        }
    }

    /// <summary>Fills <paramref name="offsets"/> (one per tap row <c>(ci, ky, kx)</c>) with where that tap reads, relative to the output pixel's origin.</summary>
    public static void TapOffsets(in Conv2dGeometry g, PaddedLayout layout, Span<int> offsets)
    {
        var taps = g.KernelHeight * g.KernelWidth;
        for (var row = 0; row < offsets.Length; row++)
        {
            int ci = row / taps, ky = row % taps / g.KernelWidth, kx = row % g.KernelWidth;
            offsets[row] = (ci * layout.Plane) + (ky * g.DilationY * layout.Width) + (kx * g.DilationX);
        }
    }

    /// <inheritdoc/>
    public float* DirectRows(int k0, int n0, out int* rowOffsets)
    {
        int ow = g.OutWidth, x = n0 % ow;
        rowOffsets = tapOffsets + k0;
        return g.StrideX == 1 && x + GemmTile.Columns <= ow && n0 + GemmTile.Columns <= pixels
            ? image + ((long)(n0 / ow) * g.StrideY * layout.Width) + x
            : null;
    }
}
