using SpineKit.Imaging.Kernels;

namespace SpineKit.Imaging.Tests.Kernels;

/// <summary>Every SIMD path a kernel can be forced onto, so each branch runs in the tests whatever the CPU.</summary>
internal static class ForcedPaths
{
    public static readonly SimdPath[] All = [SimdPath.Scalar, SimdPath.Vector256, SimdPath.Vector512];
}
