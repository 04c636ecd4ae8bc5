using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SpineKit.Neural.Kernels;

/// <summary>
/// Inference's transposed convolution whose kernel equals its stride (the 2x2 stride-2 up-sampling of a U-Net
/// decoder; no padding, dilation or groups). Every input pixel then owns its own <c>s x s</c> output patch, so
/// <c>out[co, s*y + ky, s*x + kx] = bias[co] + sum_ci W[ci, co, ky, kx] * in[ci, y, x]</c> is one GEMM of the
/// <c>(Cout*s*s) x Cin</c> weight matrix (packed once) by the input rows, followed by a scatter of each GEMM row into
/// its place in the output: no column buffer to zero, no scattered accumulation. The GEMM runs over chunks of input
/// rows whose product stays in L2 until it is scattered, chunks handed to the threads on demand.
/// </summary>
internal sealed unsafe class PatchTransposedConvolution
{
    /// <summary>Floats of GEMM product per chunk: 256 KiB, scattered while it is still in L2.</summary>
    private const int ChunkFloats = 64 * 1024;

    private readonly PackedMatrixA packed;
    private readonly float[] rowBias;
    private readonly int stride;

    /// <summary>
    /// Packs <paramref name="weight"/> (<c>[Cin, Cout, s, s]</c>, ONNX's ConvTranspose layout) and expands
    /// <paramref name="bias"/> (Cout values, or null) to one value per GEMM row.
    /// </summary>
    /// <exception cref="ArgumentException">The weight or bias does not match the channel counts and stride.</exception>
    public PatchTransposedConvolution(int inChannels, int outChannels, int stride, ReadOnlySpan<float> weight, float[]? bias)
    {
        var rows = outChannels * stride * stride;
        if (inChannels < 1 || outChannels < 1 || stride < 1 || weight.Length != inChannels * rows || (bias != null && bias.Length != outChannels))
        {
            throw new ArgumentException($"A {stride}x{stride} transposed convolution from {inChannels} to {outChannels} channels needs {inChannels * rows} weights and {outChannels} biases.");
        }

        InChannels = inChannels;
        OutChannels = outChannels;
        this.stride = stride;

        // GEMM row r = (co*s + ky)*s + kx reads W[ci, r] for every ci: A = Wᵀ with leading dimension Cout*s*s.
        packed = PackedMatrixA.Persistent(rows, inChannels, weight, rows, true);
        rowBias = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            rowBias[r] = bias?[r / (stride * stride)] ?? 0f;
        }
    }

    /// <summary>Input channels.</summary>
    public int InChannels { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Whether a transposed convolution of these settings is one this kernel runs.</summary>
    public static bool Applies(int kernelHeight, int kernelWidth, int stride, int padding, int outputPadding, int dilation, int groups)
        => kernelHeight == stride && kernelWidth == stride && padding == 0 && outputPadding == 0 && dilation == 1 && groups == 1;

    /// <summary>Runs <paramref name="batch"/> images of <paramref name="height"/> x <paramref name="width"/> into output planes <c>s</c> times larger each way.</summary>
    /// <exception cref="ArgumentException">A span does not match the shape.</exception>
    public void Run(int batch, int height, int width, ReadOnlySpan<float> input, Span<float> output, KernelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        long pixels = (long)height * width;
        if (batch < 1 || height < 1 || width < 1 || input.Length != batch * InChannels * pixels || output.Length != batch * OutChannels * pixels * stride * stride)
        {
            throw new ArgumentException($"A transposed convolution from {InChannels} to {OutChannels} channels of {batch}x{height}x{width} does not fit spans of {input.Length} and {output.Length} values.");
        }

        var chunkRows = Math.Clamp(ChunkFloats / (packed.M * width), 1, height);
        var chunksPerImage = (height + chunkRows - 1) / chunkRows;
        var chunks = batch * chunksPerImage;
        var workers = PackedGemm.Workers((long)packed.M * packed.K * pixels * batch, chunks, options);
        var path = options.ResolvedPath;
        var queue = new WorkQueue(chunks);
        fixed (float* source = input, target = output, bias = rowBias)
        {
            var (sourceAddress, targetAddress, biasAddress) = ((nint)source, (nint)target, (nint)bias);
            KernelParallel.Run(workers, _ =>
            {
                var rented = ArrayPool<float>.Shared.Rent(packed.M * chunkRows * width);
                try
                {
                    fixed (float* product = rented)
                    {
                        while (queue.TryTake(out var chunk))
                        {
                            int n = chunk / chunksPerImage, y0 = chunk % chunksPerImage * chunkRows;
                            var rows = Math.Min(chunkRows, height - y0);
                            var columns = rows * width;
                            var image = (float*)sourceAddress + ((long)n * InChannels * pixels) + ((long)y0 * width);
                            var panels = new GemmMatrixPanels(image, (int)pixels, columns, false);
                            var strips = (columns + GemmTile.Columns - 1) / GemmTile.Columns;
                            PackedGemm.RunPacked(packed, columns, 1f, panels, 0f, product, columns, (float*)biasAddress, path, 0, packed.Tiles, 0, strips);
                            Scatter(product, columns, (float*)targetAddress + ((long)n * OutChannels * pixels * stride * stride), y0, rows, height, width, path);
                        }
                    }
                }
                finally
                {
                    ArrayPool<float>.Shared.Return(rented);
                }
            });
        }
    }

    /// <summary>Moves GEMM row <c>(co*s + ky)*s + kx</c>, input row y, to output row <c>s*y + ky</c> of plane co, every s-th column from kx.</summary>
    private void Scatter(float* product, int columns, float* image, int y0, int rows, int height, int width, SimdPath path)
    {
        var s = stride;
        long outWidth = (long)width * s, outPlane = (long)height * s * outWidth;
        for (var co = 0; co < OutChannels; co++)
        {
            for (var ky = 0; ky < s; ky++)
            {
                var first = product + ((long)((co * s) + ky) * s * columns);
                for (var y = 0; y < rows; y++)
                {
                    var target = image + (co * outPlane) + ((((long)(y0 + y) * s) + ky) * outWidth);
                    if (s == 2)
                    {
                        Interleave(first + ((long)y * width), first + columns + ((long)y * width), target, width, path);
                    }
                    else
                    {
                        for (var kx = 0; kx < s; kx++)
                        {
                            var row = first + ((long)kx * columns) + ((long)y * width);
                            for (var x = 0; x < width; x++)
                            {
                                target[(x * s) + kx] = row[x];
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary><c>target[2x] = even[x]</c>, <c>target[2x + 1] = odd[x]</c>: each pair written as one 64-bit lane.</summary>
    private static void Interleave(float* even, float* odd, float* target, int width, SimdPath path)
    {
        var x = 0;
        if (path == SimdPath.Vector512)
        {
            for (; x + Vector512<float>.Count <= width; x += Vector512<float>.Count)
            {
                var (a, b) = (Vector512.Load(even + x).AsUInt32(), Vector512.Load(odd + x).AsUInt32());
                Zip(Vector512.WidenLower(a), Vector512.WidenLower(b)).Store(target + (2 * x));
                Zip(Vector512.WidenUpper(a), Vector512.WidenUpper(b)).Store(target + (2 * x) + Vector512<float>.Count);
            }
        }
        else if (path == SimdPath.Vector256)
        {
            for (; x + Vector256<float>.Count <= width; x += Vector256<float>.Count)
            {
                var (a, b) = (Vector256.Load(even + x).AsUInt32(), Vector256.Load(odd + x).AsUInt32());
                Zip(Vector256.WidenLower(a), Vector256.WidenLower(b)).Store(target + (2 * x));
                Zip(Vector256.WidenUpper(a), Vector256.WidenUpper(b)).Store(target + (2 * x) + Vector256<float>.Count);
            }
        }

        for (; x < width; x++)
        {
            target[2 * x] = even[x];
            target[(2 * x) + 1] = odd[x];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Zip(Vector512<ulong> low, Vector512<ulong> high) => (low | Vector512.ShiftLeft(high, 32)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Zip(Vector256<ulong> low, Vector256<ulong> high) => (low | Vector256.ShiftLeft(high, 32)).AsSingle();
}
