using SpineKit.Neural.Layers;
using SpineKit.Neural.Optimization;

namespace SpineKit.Neural.Tests;

/// <summary>
/// Training steps that reuse their forward and backward arrays through a <see cref="TrainingBuffers"/>: the same
/// losses, gradients and weights as steps that allocate, far fewer bytes allocated per step once warm. Run alone, as
/// allocations are counted per thread.
/// </summary>
[Collection(nameof(MemoryTests))]
public sealed class TrainingBuffersTests
{
    [Fact]
    public void StepsWithReusedBuffersComputeWhatAllocatingStepsCompute()
    {
        var pooled = new Trainer();
        var plain = new Trainer();
        var buffers = new TrainingBuffers();
        for (var step = 0; step < 4; step++)
        {
            float pooledLoss;
            using (buffers.BeginStep())
            {
                pooledLoss = pooled.Step();
            }

            var plainLoss = plain.Step();
            Assert.Equal(plainLoss, pooledLoss);
            foreach (var ((_, expected), (_, actual)) in plain.Parameters.Zip(pooled.Parameters))
            {
                Assert.Equal(expected.Data, actual.Data);
            }
        }

        Assert.True(buffers.PooledBytes > 0, "the pool kept nothing for the next step");
    }

    [Fact]
    public void GradientsAccumulatedOverTwoStepsSurviveTheFirstStepsEnd()
    {
        // Gradient accumulation: the first micro-batch's gradients live on into the second step, whose forward pass
        // must not be handed their arrays (the head's weight gradient is large enough to come from the pool).
        var pooled = new Trainer();
        var plain = new Trainer();
        var buffers = new TrainingBuffers();
        using (buffers.BeginStep())
        {
            pooled.Step(update: false);
        }

        plain.Step(update: false);
        using (buffers.BeginStep())
        {
            pooled.Step(update: false, secondInput: true);
        }

        plain.Step(update: false, secondInput: true);
        foreach (var ((name, expected), (_, actual)) in plain.Parameters.Zip(pooled.Parameters))
        {
            Assert.True(expected.Grad!.Data.AsSpan().SequenceEqual(actual.Grad!.Data), $"{name}: the accumulated gradient differs");
        }
    }

    [Fact]
    public void WarmStepsAllocateAFractionOfWhatAllocatingStepsDo()
    {
        var pooled = new Trainer();
        var plain = new Trainer();
        var buffers = new TrainingBuffers();
        using (buffers.BeginStep())
        {
            pooled.Step();
        }

        plain.Step();
        var before = GC.GetAllocatedBytesForCurrentThread();
        plain.Step();
        var allocating = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        using (buffers.BeginStep())
        {
            pooled.Step();
        }

        var reusing = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(reusing * 10 < allocating, $"a warm step allocated {reusing} bytes with reused buffers, {allocating} without");
    }

    [Fact]
    public void ArraysTheStepDidNotLendAreNotParked_SoThePoolDoesNotGrowStepAfterStep()
    {
        // An operation that allocates its own array and gives it back (as some segmentation layers' backward did) must
        // not make the pool keep it: with no size cap, a pool parking such arrays grew by ~50 MB per training step.
        var buffers = new TrainingBuffers();
        long afterFirst = 0;
        for (var step = 0; step < 20; step++)
        {
            using (buffers.BeginStep())
            {
                var lent = Autograd.BufferPool.Rent(1 << 16);
                Autograd.BufferPool.Return(lent);
                Autograd.BufferPool.Return(new float[1 << 16]);
                _ = Autograd.BufferPool.Rent(1 << 15);
            }

            afterFirst = step == 0 ? buffers.PooledBytes : afterFirst;
        }

        // The pool holds what it lent (one array of each size), the foreign arrays were left to the collector.
        Assert.Equal(((1L << 16) + (1L << 15)) * sizeof(float), buffers.PooledBytes);
        Assert.Equal(afterFirst, buffers.PooledBytes);
    }

    [Fact]
    public void TensorsComputedWithoutAGraphAreNotTakenBack()
    {
        var trainer = new Trainer();
        var buffers = new TrainingBuffers();
        Tensor inferred;
        using (buffers.BeginStep())
        {
            trainer.Step();
            using (Autograd.GradMode.NoGrad())
            {
                inferred = trainer.Net.Forward(trainer.Input);
            }
        }

        var copy = inferred.Clone();
        using (buffers.BeginStep())
        {
            trainer.Step();
        }

        Assert.Equal(copy.Data, inferred.Data);
    }

    /// <summary>A small U-shaped network with maps of 8 x 128 x 128 (large enough to be pooled, and to dwarf the small arrays a step still allocates), Adam, a squared loss.</summary>
    private sealed class Trainer
    {
        private readonly Adam _optimizer;
        private readonly Conv2d _head;
        private readonly Tensor _second;

        public Trainer()
        {
            var random = new Random(31);
            Net = new Sequential(
                new Conv2d(1, 8, 3, random, padding: 1, bias: false), new BatchNorm2d(8), new ReLU(inPlace: true),
                new Conv2d(8, 8, 3, random, padding: 1, bias: false), new BatchNorm2d(8), new ReLU(inPlace: true));
            _head = new Conv2d(16, 128, 3, random, padding: 1); // 18432 weights: its gradient array is pooled and must be kept
            Input = Tensor.RandomNormal(random, 1f, 1, 1, 128, 128);
            _second = Tensor.RandomNormal(random, 1f, 1, 1, 128, 128);
            _optimizer = new Adam([.. Net.Parameters(), .. _head.Parameters()], 1e-2f);
        }

        public Sequential Net { get; }

        public IEnumerable<(string Name, Tensor Tensor)> Parameters => Net.NamedParameters().Concat(_head.NamedParameters().Select(p => ("head." + p.Name, p.Tensor)));

        public Tensor Input { get; }

        /// <summary>
        /// One step on <see cref="Input"/> (or on a second input); without <paramref name="update"/> only the gradients
        /// are accumulated (a micro-batch).
        /// </summary>
        public float Step(bool update = true, bool secondInput = false)
        {
            var features = Net.Forward(secondInput ? _second : Input);
            var skip = Functional.MaxPool2d(features, 2);
            var y = _head.Forward(Functional.Concat(1, Functional.UpsampleNearest(skip, 2), features));
            var loss = (y * y).Mean();
            loss.Backward();
            if (update)
            {
                _optimizer.Step();
                _optimizer.ZeroGrad();
            }

            return loss.Item();
        }
    }
}
