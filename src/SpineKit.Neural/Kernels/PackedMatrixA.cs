using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SpineKit.Neural.Kernels;

/// <summary>
/// op(A) packed for <see cref="PackedGemm"/>: <c>[k block][8-row tile][kc][8]</c>, rows past M zero, in a pooled,
/// pinned, 64-byte aligned buffer. Packing once and reusing it lets a convolution run many pixel bands (or
/// images) against the same weights. Dispose returns the buffer to the pool. A matrix packed with
/// <see cref="Persistent"/> (inference weights, packed once when a network is compiled) lives in the pinned object
/// heap instead and is never returned.
/// </summary>
internal sealed unsafe class PackedMatrixA : IDisposable
{
    private readonly float[] rented;
    private readonly bool persistent;
    private GCHandle handle;

    /// <summary>Packs the <paramref name="m"/> x <paramref name="k"/> matrix op(A), split by tiles between the allowed threads.</summary>
    /// <exception cref="ArgumentException">The packed matrix would exceed 2^31 floats.</exception>
    public PackedMatrixA(int m, int k, float* a, int lda, bool transposeA, KernelOptions options)
        : this(m, k, a, lda, transposeA, options, false)
    {
    }

    private PackedMatrixA(int m, int k, float* a, int lda, bool transposeA, KernelOptions options, bool persistent)
    {
        this.persistent = persistent;
        M = m;
        K = k;
        Tiles = (m + GemmTile.Rows - 1) / GemmTile.Rows;
        KBlock = GemmTile.KBlock(k);
        var length = (long)Tiles * GemmTile.Rows * k;
        if (length > int.MaxValue - 16)
        {
            throw new ArgumentException($"GEMM operand A ({m} x {k}) is too large to pack.");
        }

        if (persistent)
        {
            rented = GC.AllocateUninitializedArray<float>((int)length + 16, pinned: true);
            Pointer = (float*)(((nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(rented)) + 63) & ~(nint)63);
        }
        else
        {
            rented = ArrayPool<float>.Shared.Rent((int)length + 16);
            handle = GCHandle.Alloc(rented, GCHandleType.Pinned);
            Pointer = (float*)((handle.AddrOfPinnedObject() + 63) & ~(nint)63);
        }

        // Packing is a small fraction of the multiply; only split it when A is big enough to matter.
        var workers = length < (1 << 16) ? 1 : Math.Min(options.Threads, Tiles);
        var source = (nint)a;
        var target = (nint)Pointer;
        var tiles = Tiles;
        var kBlock = KBlock;
        KernelParallel.Run(workers, t => Pack((float*)source, lda, transposeA, m, k, kBlock, tiles, KernelParallel.Start(tiles, workers, t), KernelParallel.Start(tiles, workers, t + 1), (float*)target));
    }

    /// <summary>Rows of op(A).</summary>
    public int M { get; }

    /// <summary>Columns of op(A) (the shared dimension).</summary>
    public int K { get; }

    /// <summary>Number of 8-row tiles.</summary>
    public int Tiles { get; }

    /// <summary>Depth of every k block but possibly the last.</summary>
    public int KBlock { get; }

    /// <summary>Start of the packed data.</summary>
    public float* Pointer { get; }

    /// <summary>Packs op(A) into its own pinned buffer, which lives as long as the returned object (Dispose does nothing).</summary>
    /// <exception cref="ArgumentException">The packed matrix would exceed 2^31 floats.</exception>
    public static PackedMatrixA Persistent(int m, int k, ReadOnlySpan<float> a, int lda, bool transposeA)
    {
        var needed = transposeA ? ((long)(k - 1) * lda) + m : ((long)(m - 1) * lda) + k;
        if (m < 1 || k < 1 || a.Length < needed)
        {
            throw new ArgumentException($"A {m} x {k} matrix with leading dimension {lda} does not fit {a.Length} values.", nameof(a));
        }

        fixed (float* source = a)
        {
            return new PackedMatrixA(m, k, source, lda, transposeA, KernelOptions.Default with { MaxThreads = 1 }, true);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!persistent && handle.IsAllocated)
        {
            handle.Free();
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    private static void Pack(float* a, int lda, bool transposeA, int m, int k, int kBlock, int tiles, int tile0, int tile1, float* packed)
    {
        for (var k0 = 0; k0 < k; k0 += kBlock)
        {
            var kc = Math.Min(kBlock, k - k0);
            for (var tile = tile0; tile < tile1; tile++)
            {
                var target = packed + ((long)k0 * tiles * GemmTile.Rows) + ((long)tile * kc * GemmTile.Rows);
                var row0 = tile * GemmTile.Rows;
                var rows = Math.Min(GemmTile.Rows, m - row0);
                for (var p = 0; p < kc; p++)
                {
                    var column = k0 + p;
                    var destination = target + (p * GemmTile.Rows);
                    for (var r = 0; r < rows; r++)
                    {
                        destination[r] = transposeA ? a[((long)column * lda) + row0 + r] : a[((long)(row0 + r) * lda) + column];
                    }

                    for (var r = rows; r < GemmTile.Rows; r++)
                    {
                        destination[r] = 0;
                    }
                }
            }
        }
    }
}
