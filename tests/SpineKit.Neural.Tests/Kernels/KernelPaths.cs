using SpineKit.Neural.Kernels;

namespace SpineKit.Neural.Tests.Kernels;

/// <summary>Every SIMD path crossed with one and two threads, so CI runs each kernel whatever CPU it has.</summary>
internal static class KernelPaths
{
    public static readonly SimdPath[] Forced = [SimdPath.Scalar, SimdPath.Vector256, SimdPath.Vector512];

    public static IEnumerable<KernelOptions> All()
    {
        foreach (var path in Forced)
        {
            yield return new KernelOptions { Path = path, MaxThreads = 1 };
            yield return new KernelOptions { Path = path, MaxThreads = 2 };

            // Tiny bands push even small test images through the banded forward path.
            yield return new KernelOptions { Path = path, MaxThreads = 2, BandFloats = 512 };
        }
    }
}
