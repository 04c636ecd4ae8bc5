using System.Runtime.Intrinsics;

namespace SpineKit.Neural.Kernels;

/// <summary>
/// How a kernel call may run: how many threads it may use and which SIMD path it takes. Immutable; callers
/// that do not care use <see cref="Default"/>. Results do not depend on <see cref="MaxThreads"/>: every
/// output element is summed by one thread in a fixed order whatever the thread count.
/// </summary>
internal sealed record KernelOptions
{
    /// <summary>All cores, widest accelerated SIMD path.</summary>
    public static KernelOptions Default { get; } = new();

    /// <summary>Upper bound on worker threads (the calling thread included); at least 1.</summary>
    public int MaxThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>The instruction set to use; <see cref="SimdPath.Auto"/> picks the widest accelerated one.</summary>
    public SimdPath Path { get; init; } = SimdPath.Auto;

    /// <summary>
    /// Floats of padded input per band of a banded forward convolution (768 KiB by default). A band is consumed
    /// row by row as the strips advance, so it need not fit L2 whole; 96K..192K floats measured 10-20% faster
    /// than 24K..48K on the 512x256 layers (fewer band switches). Tests lower it to reach the banded path on
    /// small images.
    /// </summary>
    public int BandFloats { get; init; } = 192 * 1024;

    /// <summary>
    /// Whether a forward convolution or GEMM clamps its output at zero as each finished tile is stored (a ReLU
    /// fused into the output stage, for inference). Off by default, so training computes exactly as before.
    /// </summary>
    public bool ReluOutput { get; init; }

    /// <summary>
    /// Whether a forward convolution adds its result to what the output already holds instead of overwriting it
    /// (a residual sum fused into the output stage, for inference; the ReLU of <see cref="ReluOutput"/> comes after
    /// the sum). Off by default.
    /// </summary>
    public bool AccumulateOutput { get; init; }

    /// <summary>The GEMM's beta for a forward convolution's output: 1 when accumulating, else 0.</summary>
    internal float OutputBeta => AccumulateOutput ? 1f : 0f;

    /// <summary>The path actually taken on this CPU (a forced path the CPU cannot accelerate still runs, only slower).</summary>
    public SimdPath ResolvedPath => Path != SimdPath.Auto
        ? Path
        : Vector512.IsHardwareAccelerated ? SimdPath.Vector512
        : Vector256.IsHardwareAccelerated ? SimdPath.Vector256
        : SimdPath.Scalar;

    /// <summary>Thread count clamped to at least one.</summary>
    public int Threads => Math.Max(1, MaxThreads);
}
