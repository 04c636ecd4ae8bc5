using System.Runtime.Intrinsics;

namespace SpineKit.Imaging.Kernels;

/// <summary>Resolves a requested <see cref="SimdPath"/> to the one a kernel takes on this CPU.</summary>
internal static class SimdPaths
{
    /// <summary>
    /// <paramref name="path"/> itself when forced, else the widest accelerated path. A forced vector path still
    /// runs on a CPU that cannot accelerate it: the portable vector types emulate it (slowly); kernels built on
    /// x86 intrinsics check the instruction set as well and fall back to scalar.
    /// </summary>
    public static SimdPath Resolve(SimdPath path) => path != SimdPath.Auto
        ? path
        : Vector512.IsHardwareAccelerated ? SimdPath.Vector512
        : Vector256.IsHardwareAccelerated ? SimdPath.Vector256
        : SimdPath.Scalar;
}
