using SpineKit.Neural.Kernels;

namespace SpineKit.Neural.Tests.Kernels;

/// <summary>
/// Inference's convolution entry: weights packed once, input optionally the channel concatenation of two maps read
/// in place. Checked against the direct-loop reference run on the written-out concatenation, on every path, thread
/// count and banding, with the fused residual and ReLU output stage too.
/// </summary>
public sealed class ConvolutionForwardPackedTests
{
    /// <summary>Padded single-group geometries (whole-image and banded), plus unpadded ones for the single-map form.</summary>
    private static readonly Conv2dGeometry[] Geometries =
    [
        new(1, 12, 16, 32, 8, 3, 3, PadY: 1, PadX: 1),
        new(2, 7, 9, 40, 5, 3, 3, PadY: 1, PadX: 1),
        new(1, 32, 64, 200, 16, 3, 3, PadY: 1, PadX: 1),

        // Enough work for two threads over a batch: (image, strip chunk) items, or (image, band) items with tiny bands.
        new(3, 24, 12, 20, 40, 3, 3, PadY: 1, PadX: 1),
        new(2, 6, 13, 11, 10, 5, 3, StrideY: 2, StrideX: 1, PadY: 2, PadX: 1, DilationX: 2),
        new(1, 16, 20, 34, 68, 1, 1),
        new(2, 24, 6, 10, 12, 2, 2, StrideY: 2, StrideX: 2),
    ];

    public static TheoryData<int> Shapes() => [.. Enumerable.Range(0, Geometries.Length)];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void PackedWeightsAndConcatenatedInputsMatchTheReference(int index)
    {
        var g = Geometries[index];
        var random = new Random(40 + index);
        var input = KernelAssert.RandomArray(random, g.InputLength);
        var weight = KernelAssert.RandomArray(random, g.WeightLength);
        var bias = KernelAssert.RandomArray(random, g.OutChannels);
        var residual = KernelAssert.RandomArray(random, g.OutputLength);
        var (expected, magnitude, fused, fusedMagnitude) = Convolution2dReference.ForwardWithResidualRelu(g, input, weight, bias, residual);

        var rows = g.InChannels * g.KernelHeight * g.KernelWidth;
        var packed = PackedMatrixA.Persistent(g.OutChannels, rows, weight, rows, false);
        var firstChannels = g.InChannels / 3;
        var (first, second) = Split(input, g, firstChannels);
        var padded = g.PadY > 0 || g.PadX > 0;
        foreach (var options in KernelPaths.All())
        {
            var what = $"{g} {options.Path}/{options.MaxThreads}/{options.BandFloats}";
            var whole = Filled(g.OutputLength, float.NaN);
            Convolution2d.ForwardPacked(g, input, [], packed, bias, whole, options);
            KernelAssert.Close(expected, whole, magnitude, "one map " + what);

            if (padded)
            {
                var joined = Filled(g.OutputLength, float.NaN);
                Convolution2d.ForwardPacked(g, first, second, packed, bias, joined, options);
                KernelAssert.Close(expected, joined, magnitude, "two maps " + what);

                var stage = (float[])residual.Clone();
                Convolution2d.ForwardPacked(g, first, second, packed, bias, stage, options with { AccumulateOutput = true, ReluOutput = true });
                KernelAssert.Close(fused, stage, fusedMagnitude, "two maps, residual and ReLU " + what);
            }
            else
            {
                Assert.Throws<ArgumentException>(() => Convolution2d.ForwardPacked(g, first, second, packed, bias, new float[g.OutputLength], options));
            }
        }
    }

    [Fact]
    public void WeightsPackedForAnotherShapeOrPartialChannelsAreRefused()
    {
        var g = new Conv2dGeometry(1, 4, 6, 6, 3, 3, 3, PadY: 1, PadX: 1);
        var other = PackedMatrixA.Persistent(4, 36, new float[144], 36, false);
        Assert.Throws<ArgumentException>(() => Convolution2d.ForwardPacked(g, new float[144], [], other, [], new float[108], KernelOptions.Default));
        var packed = PackedMatrixA.Persistent(3, 36, new float[108], 36, false);
        Assert.Throws<ArgumentException>(() => Convolution2d.ForwardPacked(g, new float[50], new float[94], packed, [], new float[108], KernelOptions.Default));
        Assert.Throws<ArgumentException>(() => PackedMatrixA.Persistent(3, 36, new float[107], 36, false));
    }

    /// <summary>The first <paramref name="firstChannels"/> channels of every image, and the rest, as two NCHW maps.</summary>
    private static (float[] First, float[] Second) Split(float[] input, Conv2dGeometry g, int firstChannels)
    {
        var plane = g.InHeight * g.InWidth;
        var first = new List<float>();
        var second = new List<float>();
        for (var n = 0; n < g.Batch; n++)
        {
            var image = input.AsSpan(n * g.InChannels * plane, g.InChannels * plane);
            first.AddRange(image[..(firstChannels * plane)]);
            second.AddRange(image[(firstChannels * plane)..]);
        }

        return ([.. first], [.. second]);
    }

    private static float[] Filled(int length, float value)
    {
        var values = new float[length];
        Array.Fill(values, value);
        return values;
    }
}
