namespace SpineKit.Imaging.Kernels;

/// <summary>
/// Which instruction set an imaging kernel uses. Production calls leave it at <see cref="Auto"/>; tests force each
/// value so every branch runs whatever the CPU. The same choice as the engine's <c>SpineKit.Neural.Kernels.SimdPath</c>,
/// declared again because Imaging references no other project of ours.
/// </summary>
internal enum SimdPath
{
    /// <summary>The widest path the running CPU accelerates.</summary>
    Auto,

    /// <summary>512-bit vectors (AVX-512F). A kernel whose widest body is 256-bit runs that body.</summary>
    Vector512,

    /// <summary>256-bit vectors (AVX2). A kernel with only a 512-bit body runs its scalar fallback.</summary>
    Vector256,

    /// <summary>The scalar fallback alone.</summary>
    Scalar,
}
