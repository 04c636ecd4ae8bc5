using SpineKit.Neural.Kernels;

namespace SpineKit.Neural.Tests.Kernels;

public sealed class PatchTransposedConvolutionTests
{
    /// <summary>(batch, in, out, stride, height, width): U-Net up-sampling shapes (scaled down), odd sizes, stride 3, and chunked ones.</summary>
    public static TheoryData<int, int, int, int, int, int> Shapes() => new()
    {
        { 1, 16, 8, 2, 8, 16 },
        { 2, 3, 5, 2, 5, 7 },
        { 1, 4, 3, 3, 4, 6 },
        { 3, 32, 16, 2, 20, 40 },
        { 1, 8, 4, 2, 70, 300 },
        { 2, 64, 32, 2, 6, 9 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatchesTheMirroredConvolutionsInputGradientPlusBiasOnEveryPath(int batch, int inChannels, int outChannels, int stride, int height, int width)
    {
        // The transposed convolution is the input gradient of the convolution from its output back to its input.
        var mirrored = new Conv2dGeometry(batch, outChannels, height * stride, width * stride, inChannels, stride, stride, stride, stride);
        var random = new Random((inChannels * 100) + height);
        var input = KernelAssert.RandomArray(random, mirrored.OutputLength);
        var weight = KernelAssert.RandomArray(random, mirrored.WeightLength);
        var bias = KernelAssert.RandomArray(random, outChannels);
        var expected = new float[mirrored.InputLength];
        var magnitude = new float[mirrored.InputLength];
        Convolution2dReference.BackwardInput(mirrored, input, weight, expected);
        Convolution2dReference.BackwardInput(mirrored, KernelAssert.Abs(input), KernelAssert.Abs(weight), magnitude);
        var plane = mirrored.InHeight * mirrored.InWidth;
        for (var i = 0; i < expected.Length; i++)
        {
            expected[i] += bias[i / plane % outChannels];
            magnitude[i] += Math.Abs(bias[i / plane % outChannels]);
        }

        var kernel = new PatchTransposedConvolution(inChannels, outChannels, stride, weight, bias);
        foreach (var options in KernelPaths.All())
        {
            var actual = new float[expected.Length];
            Array.Fill(actual, float.NaN);
            kernel.Run(batch, height, width, input, actual, options);
            KernelAssert.Close(expected, actual, magnitude, $"{batch}x{inChannels}->{outChannels} s{stride} {height}x{width} {options.Path}/{options.MaxThreads}");
        }
    }

    [Fact]
    public void WithoutBiasTheOutputIsThePureProduct()
    {
        var mirrored = new Conv2dGeometry(1, 2, 4, 6, 3, 2, 2, 2, 2);
        var random = new Random(4);
        var input = KernelAssert.RandomArray(random, mirrored.OutputLength);
        var weight = KernelAssert.RandomArray(random, mirrored.WeightLength);
        var expected = new float[mirrored.InputLength];
        var magnitude = new float[mirrored.InputLength];
        Convolution2dReference.BackwardInput(mirrored, input, weight, expected);
        Convolution2dReference.BackwardInput(mirrored, KernelAssert.Abs(input), KernelAssert.Abs(weight), magnitude);
        var actual = new float[expected.Length];
        new PatchTransposedConvolution(3, 2, 2, weight, null).Run(1, 2, 3, input, actual, KernelOptions.Default);
        KernelAssert.Close(expected, actual, magnitude, "no bias");
    }

    [Fact]
    public void MismatchedWeightsAndSpansAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new PatchTransposedConvolution(3, 2, 2, new float[23], null));
        Assert.Throws<ArgumentException>(() => new PatchTransposedConvolution(3, 2, 2, new float[24], new float[3]));
        var kernel = new PatchTransposedConvolution(3, 2, 2, new float[24], null);
        Assert.Throws<ArgumentException>(() => kernel.Run(1, 2, 2, new float[11], new float[32], KernelOptions.Default));
        Assert.Throws<ArgumentException>(() => kernel.Run(1, 2, 2, new float[12], new float[31], KernelOptions.Default));
        Assert.False(PatchTransposedConvolution.Applies(3, 3, 2, 0, 0, 1, 1));
        Assert.False(PatchTransposedConvolution.Applies(2, 2, 2, 1, 0, 1, 1));
        Assert.True(PatchTransposedConvolution.Applies(2, 2, 2, 0, 0, 1, 1));
    }
}
