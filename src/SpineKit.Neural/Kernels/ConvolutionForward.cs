using System.Buffers;

namespace SpineKit.Neural.Kernels;

/// <summary>
/// Forward convolution as an implicit GEMM per image and group: <c>output[co, p] = W[co, tap] * taps[tap, p]</c>
/// with the taps packed on the fly from a zero-padded copy of the input (<see cref="ConvolutionPanels"/>), so
/// the only extra memory is that copy. Threads split the output pixels, and the bias is folded into the
/// GEMM epilogue instead of a second pass over the output.
/// </summary>
internal static unsafe class ConvolutionForward
{
    /// <summary>Computes the forward pass; arguments are assumed validated.</summary>
    public static void Run(in Conv2dGeometry g, float* input, float* weight, float* bias, float* output, KernelOptions options)
    {
        int cinG = g.InChannelsPerGroup, coutG = g.OutChannelsPerGroup, taps = g.KernelHeight * g.KernelWidth;
        int pixels = g.OutHeight * g.OutWidth, plane = g.InHeight * g.InWidth, rows = cinG * taps;
        var layout = g.PadY != 0 || g.PadX != 0 ? PaddedImage.LayoutOf(g) : new PaddedLayout(g.InHeight, g.InWidth);
        var copy = PaddedImage.NeedsCopy(g);
        var rented = copy ? ArrayPool<float>.Shared.Rent(cinG * layout.Plane) : null;
        try
        {
            fixed (float* padded = rented)
            {
                for (var n = 0; n < g.Batch; n++)
                {
                    for (var group = 0; group < g.Groups; group++)
                    {
                        var image = input + (((long)n * g.InChannels) + (group * cinG)) * plane;
                        if (copy)
                        {
                            PaddedImage.CopyParallel(g, image, padded, cinG, options);
                            image = padded;
                        }

                        var panels = new ConvolutionPanels(image, layout, g);
                        PackedGemm.Multiply(
                            coutG, pixels, rows, 1f, weight + ((long)group * coutG * rows), rows, false, panels,
                            0f, output + ((((long)n * g.OutChannels) + (group * coutG)) * pixels), pixels,
                            bias == null ? null : bias + (group * coutG), options);
                    }
                }
            }
        }
        finally
        {
            if (rented != null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }
}
