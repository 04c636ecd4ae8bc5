using SpineKit.Neural.Kernels;

namespace SpineKit.Neural.Tests.Kernels;

public sealed class Convolution2dTests
{
    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    /// <summary>The layer shapes of a U-Net (scaled down in pixels) plus the odd ones layers may ask for.</summary>
    private static readonly Conv2dGeometry[] ListedShapes =
    [
        new(1, 1, 19, 37, 16, 3, 3, PadY: 1, PadX: 1),
        new(1, 16, 16, 32, 16, 3, 3, PadY: 1, PadX: 1),
        new(2, 16, 9, 40, 32, 3, 3, PadY: 1, PadX: 1),
        new(1, 40, 8, 16, 24, 3, 3, PadY: 1, PadX: 1),
        new(1, 16, 20, 34, 68, 1, 1),
        new(2, 24, 6, 10, 12, 2, 2, StrideY: 2, StrideX: 2),
        new(1, 8, 12, 16, 16, 2, 2, StrideY: 2, StrideX: 2),
        new(2, 3, 7, 9, 5, 2, 2, StrideY: 2, StrideX: 2),
        new(1, 4, 10, 14, 6, 3, 2, StrideY: 3, StrideX: 2, Groups: 2),
        new(1, 6, 13, 11, 10, 5, 3, StrideY: 2, StrideX: 1, PadY: 2, PadX: 1, DilationY: 1, DilationX: 2),
        new(2, 8, 10, 12, 12, 3, 3, PadY: 2, PadX: 2, DilationY: 2, DilationX: 2, Groups: 4),
        new(1, 6, 7, 9, 6, 3, 3, PadY: 1, PadX: 1, Groups: 6),
        new(1, 3, 5, 6, 4, 3, 3, PadY: 3, PadX: 4),
        new(1, 4, 9, 9, 5, 4, 4, StrideY: 3, StrideX: 3, PadY: 1, PadX: 2),
        new(3, 2, 4, 40, 33, 3, 1, PadY: 1),

        // Large enough for the banded forward path (padded input rows copied band by band).
        new(1, 32, 64, 200, 16, 3, 3, PadY: 1, PadX: 1),
        new(1, 24, 41, 150, 8, 3, 3, StrideY: 2, StrideX: 2, PadY: 1, PadX: 1),
        new(2, 20, 30, 160, 12, 3, 3, PadY: 2, PadX: 2, DilationY: 2, DilationX: 2, Groups: 2),
    ];

    public static TheoryData<int> Shapes() => [.. Enumerable.Range(0, ListedShapes.Length)];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ListedShapesMatchTheReferenceOnEveryPath(int index)
        => CheckAllDirections(new Random(index), ListedShapes[index]);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomShapesMatchTheReference(int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 4; trial++)
        {
            var groups = random.Next(3) == 0 ? random.Next(1, 4) : 1;
            var kernelHeight = random.Next(1, 5);
            var kernelWidth = random.Next(1, 5);
            var dilationY = random.Next(4) == 0 ? 2 : 1;
            var dilationX = random.Next(4) == 0 ? 2 : 1;
            var geometry = new Conv2dGeometry(
                Batch: random.Next(1, 3),
                InChannels: groups * random.Next(1, 7),
                InHeight: random.Next(dilationY * kernelHeight, 20),
                InWidth: random.Next(dilationX * kernelWidth, 45),
                OutChannels: groups * random.Next(1, 11),
                KernelHeight: kernelHeight,
                KernelWidth: kernelWidth,
                StrideY: random.Next(1, 4),
                StrideX: random.Next(1, 4),
                PadY: random.Next(0, kernelHeight),
                PadX: random.Next(0, kernelWidth),
                DilationY: dilationY,
                DilationX: dilationX,
                Groups: groups);
            CheckAllDirections(random, geometry);
        }
    }

    /// <summary>Geometries that reach every threaded path: banded and whole-image forward, patchwise, 1x1, strided columns.</summary>
    private static readonly Conv2dGeometry[] ThreadedShapes =
    [
        new(2, 16, 24, 48, 32, 3, 3, PadY: 1, PadX: 1),
        new(1, 32, 64, 200, 16, 3, 3, PadY: 1, PadX: 1),
        new(1, 16, 32, 64, 32, 2, 2, StrideY: 2, StrideX: 2),
        new(1, 16, 40, 64, 68, 1, 1),
        new(1, 8, 33, 65, 12, 3, 3, StrideY: 2, StrideX: 2, PadY: 1, PadX: 1),
    ];

    public static TheoryData<int> Threaded() => [.. Enumerable.Range(0, ThreadedShapes.Length)];

    [Theory]
    [MemberData(nameof(Threaded))]
    public void ResultsAreIdenticalForAnyThreadCountAndBanding(int index)
    {
        var g = ThreadedShapes[index];
        var random = new Random(3);
        var input = KernelAssert.RandomArray(random, g.InputLength);
        var weight = KernelAssert.RandomArray(random, g.WeightLength);
        var bias = KernelAssert.RandomArray(random, g.OutChannels);
        var gradOutput = KernelAssert.RandomArray(random, g.OutputLength);
        foreach (var path in KernelPaths.Forced)
        {
            var results = new List<float[]>();
            KernelOptions[] variants =
            [
                new() { Path = path, MaxThreads = 1 },
                new() { Path = path, MaxThreads = 2 },
                new() { Path = path, MaxThreads = 2, BandFloats = 512 },
            ];
            foreach (var options in variants)
            {
                var output = new float[g.OutputLength];
                var gradInput = new float[g.InputLength];
                var gradWeight = new float[g.WeightLength];
                var gradBias = new float[g.OutChannels];
                Convolution2d.Forward(g, input, weight, bias, output, options);
                Convolution2d.BackwardInput(g, gradOutput, weight, gradInput, options);
                Convolution2d.BackwardWeight(g, input, gradOutput, gradWeight, gradBias, options);
                results.Add([.. output, .. gradInput, .. gradWeight, .. gradBias]);
            }

            Assert.Equal(results[0], results[1]);
            Assert.Equal(results[0], results[2]);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void FusedOutputStageAddsTheResidualThenClampsOnEveryPath(int index)
    {
        // Inference's fused convolution: relu(conv(x) + bias + residual), the residual already in the output.
        var g = ListedShapes[index];
        var random = new Random(100 + index);
        var input = KernelAssert.RandomArray(random, g.InputLength);
        var weight = KernelAssert.RandomArray(random, g.WeightLength);
        var bias = KernelAssert.RandomArray(random, g.OutChannels);
        var residual = KernelAssert.RandomArray(random, g.OutputLength);
        var (sum, magnitude, expected, expectedMagnitude) = Convolution2dReference.ForwardWithResidualRelu(g, input, weight, bias, residual);
        foreach (var options in KernelPaths.All())
        {
            var actual = (float[])residual.Clone();
            Convolution2d.Forward(g, input, weight, bias, actual, options with { AccumulateOutput = true, ReluOutput = true });
            KernelAssert.Close(expected, actual, expectedMagnitude, $"fused forward {g} {options.Path}/{options.MaxThreads}/{options.BandFloats}");
            Assert.True(actual.All(v => v >= 0), $"a negative output survived the ReLU ({g}, {options.Path})");

            var clamped = Filled(g.OutputLength, float.NaN);
            Convolution2d.Forward(g, input, weight, bias, clamped, options with { ReluOutput = true });
            KernelAssert.Close(sum.Select(v => Math.Max(0f, v)).ToArray(), clamped, magnitude, $"relu forward {g} {options.Path}");
        }
    }

    [Fact]
    public void MismatchedSpansAndBadGeometryAreRejected()
    {
        var g = new Conv2dGeometry(1, 2, 5, 5, 3, 3, 3);
        var input = new float[g.InputLength];
        var weight = new float[g.WeightLength];
        var output = new float[g.OutputLength];
        Assert.Throws<ArgumentException>(() => Convolution2d.Forward(g, input.AsSpan(1), weight, [], output));
        Assert.Throws<ArgumentException>(() => Convolution2d.Forward(g, input, weight, new float[2], output));
        Assert.Throws<ArgumentException>(() => Convolution2d.BackwardInput(g, output, weight.AsSpan(1), input));
        Assert.Throws<ArgumentException>(() => Convolution2d.BackwardWeight(g, input, output.AsSpan(1), weight, []));
        var tooSmall = g with { InHeight = 1 };
        Assert.Throws<ArgumentException>(() => Convolution2d.Forward(tooSmall, new float[tooSmall.Batch * 2 * 5], weight, [], output));
        var badGroups = g with { Groups = 2 };
        Assert.Throws<ArgumentException>(() => Convolution2d.Forward(badGroups, input, weight, [], output));
    }

    private static void CheckAllDirections(Random random, Conv2dGeometry g)
    {
        var input = KernelAssert.RandomArray(random, g.InputLength, 0.1);
        var weight = KernelAssert.RandomArray(random, g.WeightLength);
        var bias = random.Next(2) == 0 ? [] : KernelAssert.RandomArray(random, g.OutChannels);
        var gradOutput = KernelAssert.RandomArray(random, g.OutputLength);

        var forward = new float[g.OutputLength];
        var forwardMagnitude = new float[g.OutputLength];
        Convolution2dReference.Forward(g, input, weight, bias, forward);
        Convolution2dReference.Forward(g, KernelAssert.Abs(input), KernelAssert.Abs(weight), KernelAssert.Abs(bias), forwardMagnitude);

        var gradInput = new float[g.InputLength];
        var gradInputMagnitude = new float[g.InputLength];
        Convolution2dReference.BackwardInput(g, gradOutput, weight, gradInput);
        Convolution2dReference.BackwardInput(g, KernelAssert.Abs(gradOutput), KernelAssert.Abs(weight), gradInputMagnitude);

        var gradWeight = new float[g.WeightLength];
        var gradWeightMagnitude = new float[g.WeightLength];
        var gradBias = new float[bias.Length];
        var gradBiasMagnitude = new float[bias.Length];
        Convolution2dReference.BackwardWeight(g, input, gradOutput, gradWeight, gradBias);
        Convolution2dReference.BackwardWeight(g, KernelAssert.Abs(input), KernelAssert.Abs(gradOutput), gradWeightMagnitude, gradBiasMagnitude);

        foreach (var options in KernelPaths.All())
        {
            var what = $"{g} {options.Path}/{options.MaxThreads}/{options.BandFloats}";

            // Outputs start as garbage so a path that forgets to overwrite an element is caught.
            var actualForward = Filled(g.OutputLength, float.NaN);
            Convolution2d.Forward(g, input, weight, bias, actualForward, options);
            KernelAssert.Close(forward, actualForward, forwardMagnitude, "forward " + what);

            var actualGradInput = Filled(g.InputLength, float.NaN);
            Convolution2d.BackwardInput(g, gradOutput, weight, actualGradInput, options);
            KernelAssert.Close(gradInput, actualGradInput, gradInputMagnitude, "backward-input " + what);

            var actualGradWeight = Filled(g.WeightLength, float.NaN);
            var actualGradBias = Filled(bias.Length, float.NaN);
            Convolution2d.BackwardWeight(g, input, gradOutput, actualGradWeight, actualGradBias, options);
            KernelAssert.Close(gradWeight, actualGradWeight, gradWeightMagnitude, "backward-weight " + what);
            KernelAssert.Close(gradBias, actualGradBias, gradBiasMagnitude, "backward-bias " + what);
        }
    }

    private static float[] Filled(int length, float value)
    {
        var values = new float[length];
        Array.Fill(values, value);
        return values;
    }
}
