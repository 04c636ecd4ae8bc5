using SpineKit.Neural.Autograd;
using SpineKit.Neural.Inference;
using SpineKit.Neural.Inference.Steps;
using SpineKit.Neural.Layers;
using SpineKit.Neural.Onnx;

namespace SpineKit.Neural.Tests.Onnx;

/// <summary>
/// The fused inference path (batch norms folded into convolutions, residual sums and ReLUs in the convolutions'
/// output stage, planned buffers) gives the layers' evaluation-mode Forward within 1e-5 relative, and reuses its buffers.
/// </summary>
public sealed class FusedNetworkTests
{
    private const double Tolerance = 1e-5;

    [Fact]
    public void FusedPathEqualsEagerForward()
    {
        var random = new Random(3);
        var network = Network(random);
        var fused = FusedNetwork.Compile(network, 3);

        // Conv+BN+ReLU three times at the top level and twice in each residual block's first half.
        Assert.True(fused.FoldedNorms >= 6, $"only {fused.FoldedNorms} batch norms were folded");
        Assert.True(fused.FusedActivations >= 3, $"only {fused.FusedActivations} ReLUs were fused");

        // Each residual block's sum goes into a convolution's output stage (its second or its shortcut convolution).
        Assert.Equal(2, fused.FusedSums);
        foreach (var (batch, height, width) in new[] { (1, 32, 24), (3, 16, 40), (1, 32, 24) })
        {
            var input = RandomInput(random, batch, 3, height, width);
            Tensor expected;
            using (GradMode.NoGrad())
            {
                expected = network.Forward(input);
            }

            var actual = fused.Run(input);
            Assert.Equal(expected.Shape, actual.Shape);
            var scale = expected.Data.Max(Math.Abs);
            for (var i = 0; i < actual.Length; i++)
            {
                var difference = Math.Abs(actual.Data[i] - expected.Data[i]) / scale;
                Assert.True(difference <= Tolerance, $"{batch}x{height}x{width}: element {i} is {actual.Data[i]} fused and {expected.Data[i]} eager ({difference:g3} of the largest value).");
            }
        }
    }

    [Fact]
    public void RepeatedCallsReuseTheirBuffers()
    {
        var random = new Random(5);
        var network = Network(random);
        var fused = FusedNetwork.Compile(network, 3);
        var input = RandomInput(random, 1, 3, 128, 128);
        var output = new float[fused.OutputShape(input.Shape).Aggregate(1, (a, b) => a * b)];
        fused.Run(input, output);
        var first = (float[])output.Clone();

        var before = GC.GetAllocatedBytesForCurrentThread();
        fused.Run(input, output);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(first, output);

        // The maps of one call take megabytes; what remains is the kernels' small bookkeeping.
        var mapBytes = fused.PlannedFloats(input.Shape) * sizeof(float);
        Assert.True(mapBytes > 1 << 20, $"the plan holds only {mapBytes} bytes");
        Assert.True(allocated < mapBytes / 20, $"a warm call allocated {allocated} bytes (the maps take {mapBytes}).");
    }

    [Fact]
    public void NetworksSharingAnArenaRunInTurnAsTheyRunAlone()
    {
        var random = new Random(9);
        var first = Network(random);
        var second = Network(random);
        var x = RandomInput(random, 1, 3, 48, 40);
        var y = RandomInput(random, 2, 3, 32, 32);
        var alone = (First: FusedNetwork.Compile(first, 3).Run(x), Second: FusedNetwork.Compile(second, 3).Run(y));

        var arena = new InferenceArena();
        var sharedFirst = FusedNetwork.Compile(first, 3, arena);
        var sharedSecond = FusedNetwork.Compile(second, 3, arena);
        for (var round = 0; round < 2; round++)
        {
            Assert.Equal(alone.First.Data, sharedFirst.Run(x).Data);
            Assert.Equal(alone.Second.Data, sharedSecond.Run(y).Data);
        }

        // The arena holds what the larger of the two needs, not the sum.
        Assert.Same(arena, sharedSecond.Arena);
        var separate = FusedNetwork.Compile(first, 3).PlannedFloats(x.Shape) + FusedNetwork.Compile(second, 3).PlannedFloats(y.Shape);
        Assert.True(arena.Floats < separate, $"the shared arena holds {arena.Floats} floats, the two networks alone {separate}");
    }

    [Fact]
    public void AUNetsSkipConcatenationsAreReadInPlaceAndGiveTheEagerForward()
    {
        // Two-map concatenations each read by a padded convolution alone: never written, the convolution reads both maps.
        var random = new Random(11);
        var network = new TinyUNet(random);
        Randomize(network, random);
        var fused = FusedNetwork.Compile(network, 2);
        Assert.Equal(2, fused.FusedConcatenations);
        Assert.DoesNotContain(fused.Steps, s => s is ConcatStep);
        foreach (var (batch, height, width) in new[] { (1, 64, 48), (3, 32, 40), (2, 128, 96) })
        {
            AssertFusedEqualsEager(network, fused, RandomInput(random, batch, 2, height, width));
        }
    }

    [Fact]
    public void AConcatenationReadTwiceIsStillWritten()
    {
        var random = new Random(12);
        var network = new TinyUNet(random, readSkipTwice: true);
        Randomize(network, random);
        var fused = FusedNetwork.Compile(network, 2);
        Assert.Equal(1, fused.FusedConcatenations);
        Assert.Single(fused.Steps, s => s is ConcatStep);
        AssertFusedEqualsEager(network, fused, RandomInput(random, 2, 2, 32, 48));
    }

    [Fact]
    public void TheOutputArrayIsWrittenDirectlyAndEveryRunFormAgrees()
    {
        var random = new Random(13);
        var network = Network(random);
        var fused = FusedNetwork.Compile(network, 3);
        var input = RandomInput(random, 2, 3, 32, 24);
        var returned = fused.Run(input);
        var span = new float[returned.Length + 2];
        fused.Run(input, span.AsSpan(1, returned.Length));
        var array = new float[returned.Length];
        Array.Fill(array, float.NaN);
        fused.Run(input, array);
        Assert.Equal(returned.Data, array);
        Assert.Equal(returned.Data, span[1..^1]);

        // The caller's array is the last operation's output, not a copy of a planned buffer: no buffer of the arena
        // holds the result (the span form, which must copy, leaves it in one).
        bool InSomeSlot() => Enumerable.Range(0, fused.Arena.SlotCount).Any(i => fused.Arena.Slot(i).AsSpan(0, Math.Min(array.Length, fused.Arena.Slot(i).Length)).SequenceEqual(array));
        for (var i = 0; i < fused.Arena.SlotCount; i++)
        {
            Array.Fill(fused.Arena.Slot(i), float.NaN);
        }

        fused.Run(input, array);
        Assert.False(InSomeSlot(), "the output was computed in a planned buffer and copied");
        fused.Run(input, span.AsSpan(1, returned.Length));
        Assert.True(InSomeSlot(), "the span form left no planned buffer holding the output");
        Assert.Throws<ArgumentException>(() => fused.Run(input, new float[returned.Length + 1]));
    }

    [Fact]
    public void AnOutputThatIsTheInputOrSharesItsArrayIsCopied()
    {
        // Identity: the output value is the input value.
        var dropout = new Sequential(new Dropout(0.5f, new Random(1)));
        dropout.Eval();
        var identity = FusedNetwork.Compile(dropout, 2);
        var input = RandomInput(new Random(2), 1, 2, 4, 4);
        var copy = new float[input.Length];
        identity.Run(input, copy);
        Assert.Equal(input.Data, copy);

        // The caller passing the input's own array as the output: the network reads the input to the end first.
        var network = new Sequential(new Conv2d(2, 2, 3, new Random(3), padding: 1));
        network.Eval();
        var fused = FusedNetwork.Compile(network, 2);
        var expected = fused.Run(input);
        var aliased = new Tensor((float[])input.Data.Clone(), [.. input.Shape]);
        fused.Run(aliased, aliased.Data);
        Assert.Equal(expected.Data, aliased.Data);
    }

    [Fact]
    public void AnOperationWithoutFusedFormIsNamed()
    {
        var network = new Sequential(new Conv2d(1, 2, 3, new Random(1), padding: 1), new SpatialSoftmax());
        network.Eval();
        var error = Assert.Throws<NotSupportedException>(() => FusedNetwork.Compile(network, 1));
        Assert.Contains("Shape", error.Message, StringComparison.Ordinal);
    }

    private static void AssertFusedEqualsEager(Module network, FusedNetwork fused, Tensor input)
    {
        Tensor expected;
        using (GradMode.NoGrad())
        {
            expected = ((UnaryModule)network).Forward(input);
        }

        var actual = fused.Run(input);
        Assert.Equal(expected.Shape, actual.Shape);
        var scale = expected.Data.Max(Math.Abs);
        for (var i = 0; i < actual.Length; i++)
        {
            var difference = Math.Abs(actual.Data[i] - expected.Data[i]) / scale;
            Assert.True(difference <= Tolerance, $"{Tensor.FormatShape(input.Shape)}: element {i} is {actual.Data[i]} fused and {expected.Data[i]} eager ({difference:g3} of the largest value).");
        }
    }

    private static Sequential Network(Random random)
    {
        var network = new Sequential(
            new Conv2d(3, 8, 3, random, padding: 1, bias: false),
            new BatchNorm2d(8),
            new ReLU(),
            new MaxPool2d(2),
            new ResidualBlock(8, 16, random, stride: 2),
            new SqueezeExcitation(16, random),
            new Conv2d(16, 16, 3, random, padding: 2, dilation: 2, groups: 4),
            new BatchNorm2d(16),
            new ReLU(),
            new ResidualBlock(16, 16, random),
            new ConvTranspose2d(16, 8, 2, random, stride: 2),
            new LeakyReLU(0.1f),
            new Upsample(2, UpsampleMode.Nearest),
            new Dropout(0.3f, random),
            new Conv2d(8, 6, 1, random),
            new BatchNorm2d(6),
            new ReLU(),
            new Conv2d(6, 4, 3, random, padding: 1),
            new Tanh(),
            new Conv2d(4, 2, 1, random),
            new Sigmoid());
        foreach (var (name, tensor) in network.StateDict())
        {
            for (var i = 0; i < tensor.Length; i++)
            {
                if (name.EndsWith("running_var", StringComparison.Ordinal))
                {
                    tensor.Data[i] = (float)(0.3 + random.NextDouble());
                }
                else if (name.EndsWith("running_mean", StringComparison.Ordinal) || (name.EndsWith(".bias", StringComparison.Ordinal) && !name.Contains("fc", StringComparison.Ordinal)))
                {
                    tensor.Data[i] = (float)(random.NextDouble() - 0.5);
                }
                else if (name.EndsWith(".weight", StringComparison.Ordinal) && tensor.Rank == 1)
                {
                    tensor.Data[i] = (float)(0.5 + random.NextDouble());
                }
            }
        }

        network.Eval();
        return network;
    }

    /// <summary>Running statistics and affine parameters away from their initial values, so folding them matters; evaluation mode.</summary>
    private static void Randomize(Module network, Random random)
    {
        foreach (var (name, tensor) in network.StateDict())
        {
            for (var i = 0; i < tensor.Length; i++)
            {
                if (name.EndsWith("running_var", StringComparison.Ordinal))
                {
                    tensor.Data[i] = (float)(0.3 + random.NextDouble());
                }
                else if (name.EndsWith("running_mean", StringComparison.Ordinal) || name.EndsWith(".bias", StringComparison.Ordinal))
                {
                    tensor.Data[i] = (float)(random.NextDouble() - 0.5);
                }
                else if (name.EndsWith(".weight", StringComparison.Ordinal) && tensor.Rank == 1)
                {
                    tensor.Data[i] = (float)(0.5 + random.NextDouble());
                }
            }
        }

        network.Eval();
    }

    private static Tensor RandomInput(Random random, params int[] shape)
    {
        var data = new float[shape.Aggregate(1, (a, b) => a * b)];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)(random.NextDouble() * 4 - 2);
        }

        return new Tensor(data, shape);
    }

    /// <summary>
    /// A two-level U-Net: conv-BN-ReLU, 2x2 max pools, 2x2 stride-2 transposed convolutions and skip concatenations
    /// each read by a padded convolution (with <c>readSkipTwice</c> the upper concatenation also feeds the 1x1 head).
    /// </summary>
    private sealed class TinyUNet : UnaryModule, IOnnxExportable
    {
        private readonly bool _readSkipTwice;
        private readonly Sequential _down0;
        private readonly Sequential _down1;
        private readonly Sequential _bottom;
        private readonly ConvTranspose2d _up1;
        private readonly ConvTranspose2d _up0;
        private readonly Sequential _dec1;
        private readonly Sequential _dec0;
        private readonly Conv2d _head;
        private readonly Conv2d _skipHead;

        public TinyUNet(Random random, bool readSkipTwice = false)
        {
            _readSkipTwice = readSkipTwice;
            _down0 = RegisterModule("down0", Block(2, 8, random));
            _down1 = RegisterModule("down1", Block(8, 16, random));
            _bottom = RegisterModule("bottom", Block(16, 24, random));
            _up1 = RegisterModule("up1", new ConvTranspose2d(24, 16, 2, random, stride: 2));
            _dec1 = RegisterModule("dec1", Block(32, 16, random));
            _up0 = RegisterModule("up0", new ConvTranspose2d(16, 8, 2, random, stride: 2));
            _dec0 = RegisterModule("dec0", Block(16, 8, random));
            _head = RegisterModule("head", new Conv2d(8, 3, 1, random));
            _skipHead = RegisterModule("skipHead", new Conv2d(16, 3, 1, random));
        }

        public override Tensor Forward(Tensor input)
        {
            var skip0 = _down0.Forward(input);
            var skip1 = _down1.Forward(Functional.MaxPool2d(skip0, 2));
            var x = _bottom.Forward(Functional.MaxPool2d(skip1, 2));
            x = _dec1.Forward(Functional.Concat(1, _up1.Forward(x), skip1));
            var joined = Functional.Concat(1, _up0.Forward(x), skip0);
            var y = _head.Forward(_dec0.Forward(joined));
            return _readSkipTwice ? Functional.Add(y, _skipHead.Forward(joined)) : y;
        }

        public string ExportOnnx(OnnxGraphBuilder graph, string input)
        {
            var skip0 = graph.Apply(_down0, input);
            var skip1 = graph.Apply(_down1, graph.MaxPool(skip0, 2, 2, 0));
            var x = graph.Apply(_bottom, graph.MaxPool(skip1, 2, 2, 0));
            x = graph.Apply(_dec1, graph.ConcatChannels(graph.Apply(_up1, x), skip1));
            var joined = graph.ConcatChannels(graph.Apply(_up0, x), skip0);
            var y = graph.Apply(_head, graph.Apply(_dec0, joined));
            return _readSkipTwice ? graph.Add(y, graph.Apply(_skipHead, joined)) : y;
        }

        private static Sequential Block(int cin, int cout, Random random) => new(
            new Conv2d(cin, cout, 3, random, padding: 1, bias: false), new BatchNorm2d(cout), new ReLU(),
            new Conv2d(cout, cout, 3, random, padding: 1, bias: false), new BatchNorm2d(cout), new ReLU());
    }
}
