using SpineKit.Neural.Kernels;

namespace SpineKit.Neural.Tests.Kernels;

public sealed class MaxPool2x2KernelTests
{
    /// <summary>(planes, height, width): vector-wide rows, rows with a scalar tail, odd edges, and one big enough for two threads.</summary>
    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 3, 8, 64 },
        { 2, 7, 37 },
        { 5, 2, 2 },
        { 1, 9, 3 },
        { 4, 6, 98 },
        { 16, 64, 130 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void PoolsAsTheWindowLoopsOnEveryPath(int planes, int height, int width)
    {
        var random = new Random((planes * 1000) + width);
        var input = KernelAssert.RandomArray(random, planes * height * width);

        // A NaN must survive whichever lane of the window it sits in, and a window of equal values is exact.
        input[width + 1] = float.NaN;
        input[Math.Min(input.Length - 1, (2 * width) + 34)] = float.NaN;
        var expected = MaxPool2x2Reference.Pool(input, planes, height, width);
        foreach (var options in KernelPaths.All())
        {
            var actual = new float[expected.Length + 3];
            Array.Fill(actual, -7f);
            MaxPool2x2Kernel.Run(input, actual, planes, height, width, options);
            Assert.Equal(expected, actual[..expected.Length]);
            Assert.All(actual[expected.Length..], v => Assert.Equal(-7f, v));
        }
    }

    [Fact]
    public void SpansTooShortForTheShapeAreRefused()
    {
        Assert.Throws<ArgumentException>(() => MaxPool2x2Kernel.Run(new float[15], new float[4], 1, 4, 4, KernelOptions.Default));
        Assert.Throws<ArgumentException>(() => MaxPool2x2Kernel.Run(new float[16], new float[3], 1, 4, 4, KernelOptions.Default));
        Assert.Throws<ArgumentException>(() => MaxPool2x2Kernel.Run(new float[4], new float[4], 1, 1, 4, KernelOptions.Default));
    }
}
