namespace SpineKit.Neural.Kernels;

/// <summary>Which instruction set the kernels use; tests force each one so every path is exercised.</summary>
internal enum SimdPath
{
    /// <summary>The widest path the running CPU accelerates.</summary>
    Auto,

    /// <summary>512-bit vectors (AVX-512F), the fast path this project is tuned for.</summary>
    Vector512,

    /// <summary>256-bit vectors (AVX2/FMA or NEON pairs), for CPUs without AVX-512.</summary>
    Vector256,

    /// <summary>Plain scalar loops, correct everywhere.</summary>
    Scalar,
}
