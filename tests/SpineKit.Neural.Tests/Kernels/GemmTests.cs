using SpineKit.Neural.Kernels;

namespace SpineKit.Neural.Tests.Kernels;

public sealed class GemmTests
{
    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomShapesMatchTheReferenceOnEveryPath(int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 12; trial++)
        {
            // Odd sizes straddle every register tile and cache block edge; some cases are large enough to thread.
            var m = random.Next(1, trial % 4 == 0 ? 90 : 40);
            var n = random.Next(1, trial % 3 == 0 ? 300 : 70);
            var k = random.Next(1, trial % 5 == 0 ? 700 : 60);
            var transposeA = random.Next(2) == 1;
            var transposeB = random.Next(2) == 1;
            var alpha = trial % 4 == 1 ? -0.75f : 1f;
            var beta = (trial % 3) switch { 0 => 0f, 1 => 1f, _ => 0.5f };
            CheckAgainstReference(random, transposeA, transposeB, m, n, k, alpha, beta, random.Next(0, 5));
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void LargeTiledProductMatchesTheReference(bool transposeA, bool transposeB)
        => CheckAgainstReference(new Random(11), transposeA, transposeB, 131, 333, 517, 1f, 0f, 3);

    [Theory]
    [InlineData(70, 530, 300)]
    [InlineData(300, 20, 400)]
    public void ResultIsIdenticalForOneAndTwoThreads(int m, int n, int k)
    {
        // Wide products split columns between threads, tall narrow ones split rows.
        var random = new Random(5);
        var a = KernelAssert.RandomArray(random, m * k);
        var b = KernelAssert.RandomArray(random, k * n);
        foreach (var path in KernelPaths.Forced)
        {
            var one = new float[m * n];
            var two = new float[m * n];
            Gemm.Multiply(false, false, m, n, k, 1f, a, k, b, n, 0f, one, n, new KernelOptions { Path = path, MaxThreads = 1 });
            Gemm.Multiply(false, false, m, n, k, 1f, a, k, b, n, 0f, two, n, new KernelOptions { Path = path, MaxThreads = 2 });
            Assert.Equal(one, two);
        }
    }

    [Fact]
    public void BetaZeroIgnoresGarbageInC()
    {
        var a = new float[] { 1, 2, 3, 4 };
        var b = new float[] { 5, 6, 7, 8 };
        foreach (var options in KernelPaths.All())
        {
            var c = new float[] { float.NaN, float.PositiveInfinity, float.NaN, float.NaN };
            Gemm.Multiply(false, false, 2, 2, 2, 1f, a, 2, b, 2, 0f, c, 2, options);
            Assert.Equal(new float[] { 19, 22, 43, 50 }, c);
        }
    }

    [Fact]
    public void EmptyDimensionsOnlyScaleC()
    {
        var c = new float[] { 1, 2, 3, 4 };
        Gemm.Multiply(false, false, 2, 2, 0, 1f, [], 1, [], 2, 2f, c, 2);
        Assert.Equal(new float[] { 2, 4, 6, 8 }, c);
        Gemm.Multiply(false, false, 0, 0, 3, 1f, [], 3, [], 1, 2f, [], 1);
    }

    [Fact]
    public void ShortSpansAndBadLeadingDimensionsAreRejected()
    {
        var a = new float[6];
        var b = new float[6];
        var c = new float[4];
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 2, 2, 3, 1f, a, 3, b, 2, 0f, c, 1));
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 2, 2, 3, 1f, a, 2, b, 3, 0f, c, 2));
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, -1, 2, 3, 1f, a, 3, b, 2, 0f, c, 2));
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 2, 2, 3, 1f, a, 3, b.AsSpan(0, 5), 2, 0f, c, 2));
    }

    private static void CheckAgainstReference(Random random, bool transposeA, bool transposeB, int m, int n, int k, float alpha, float beta, int extraLd)
    {
        var lda = (transposeA ? m : k) + extraLd;
        var ldb = (transposeB ? k : n) + extraLd;
        var ldc = n + extraLd;
        var a = KernelAssert.RandomArray(random, ((transposeA ? k : m) - 1) * lda + (transposeA ? m : k));
        var b = KernelAssert.RandomArray(random, ((transposeB ? n : k) - 1) * ldb + (transposeB ? k : n));
        var c0 = KernelAssert.RandomArray(random, ((m - 1) * ldc) + n);

        var expected = (float[])c0.Clone();
        GemmReference.Multiply(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, expected, ldc);
        var magnitude = KernelAssert.Abs(c0);
        GemmReference.Multiply(transposeA, transposeB, m, n, k, Math.Abs(alpha), KernelAssert.Abs(a), lda, KernelAssert.Abs(b), ldb, Math.Abs(beta), magnitude, ldc);

        var what = $"m={m} n={n} k={k} tA={transposeA} tB={transposeB} alpha={alpha} beta={beta}";
        foreach (var options in KernelPaths.All())
        {
            var actual = (float[])c0.Clone();
            Gemm.Multiply(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, actual, ldc, options);
            KernelAssert.Close(expected, actual, magnitude, $"{what} {options.Path}/{options.MaxThreads}");
        }

        var simple = (float[])c0.Clone();
        GemmBlocked.Multiply(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, simple, ldc);
        KernelAssert.Close(expected, simple, magnitude, $"{what} row-streaming");
    }
}
