namespace SpineKit.Neural.Inference;

/// <summary>
/// The buffers of one input shape: every value's shape, and a buffer per value taken from a free list when the
/// value is produced and returned to it after its last reader ran, so values whose lifetimes do not overlap share
/// storage. Built once per shape; running the network then allocates nothing.
/// </summary>
internal sealed class ShapePlan
{
    /// <summary>Builds the plan of <paramref name="inputShape"/>.</summary>
    public ShapePlan(FusedNetwork network, int[] inputShape)
    {
        InputShape = inputShape;
        var steps = network.Steps;
        Shapes = new int[network.ValueCount][];
        Buffers = new float[network.ValueCount][];
        Arguments = steps.Select(s => new ValueBuffer[s.Inputs.Length]).ToArray();
        Shapes[network.InputValue] = inputShape;
        var free = new List<float[]>();
        for (var s = 0; s < steps.Length; s++)
        {
            var step = steps[s];
            var shape = step.OutputShape(step.Inputs.Select(i => Shapes[i]).ToArray());
            Shapes[step.Output] = shape;
            if (!step.IsView)
            {
                Buffers[step.Output] = Take(free, ValueBuffer.ShapeLength(shape));
            }

            foreach (var root in step.Inputs.Select(i => network.Root[i]).Distinct())
            {
                if (network.LastUse[root] == s && root != network.InputValue && root != network.Root[network.OutputValue])
                {
                    free.Add(Buffers[root]);
                }
            }
        }

        AllocatedFloats = Buffers.Where(b => b is not null).Distinct(ReferenceEqualityComparer.Instance).Cast<float[]>().Sum(b => (long)b.Length);
    }

    /// <summary>The input shape this plan serves.</summary>
    public int[] InputShape { get; }

    /// <summary>Shape of every value.</summary>
    public int[][] Shapes { get; }

    /// <summary>Buffer of every value that owns one (views and the graph input have none here).</summary>
    public float[][] Buffers { get; }

    /// <summary>A reusable argument array per step.</summary>
    public ValueBuffer[][] Arguments { get; }

    /// <summary>Floats allocated for this shape, all values together (each shared buffer counted once).</summary>
    public long AllocatedFloats { get; }

    private static float[] Take(List<float[]> free, int length)
    {
        var best = -1;
        for (var i = 0; i < free.Count; i++)
        {
            if (free[i].Length >= length && (best < 0 || free[i].Length < free[best].Length))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            return GC.AllocateUninitializedArray<float>(length);
        }

        var buffer = free[best];
        free.RemoveAt(best);
        return buffer;
    }
}
