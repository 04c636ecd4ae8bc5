namespace SpineKit.Neural.Inference;

/// <summary>
/// The buffers of one input shape: every value's shape, and an arena slot per value taken from a free list when the
/// value is produced and returned to it after its last reader ran, so values whose lifetimes do not overlap share
/// storage (and, through a shared <see cref="InferenceArena"/>, networks that run one after another). Built once
/// per shape; running the network then allocates nothing.
/// </summary>
internal sealed class ShapePlan
{
    /// <summary>Builds the plan of <paramref name="inputShape"/>; call it holding the arena's lock.</summary>
    public ShapePlan(FusedNetwork network, InferenceArena arena, int[] inputShape)
    {
        InputShape = inputShape;
        var steps = network.Steps;
        Shapes = new int[network.ValueCount][];
        Slots = new int[network.ValueCount];
        Array.Fill(Slots, -1);
        Arguments = steps.Select(s => new ValueBuffer[s.Inputs.Length]).ToArray();
        Shapes[network.InputValue] = inputShape;

        // Between calls no value is alive: every slot of the arena is free when the plan starts.
        var free = Enumerable.Range(0, arena.SlotCount).ToList();
        for (var s = 0; s < steps.Length; s++)
        {
            var step = steps[s];
            var shape = step.OutputShape(step.Inputs.Select(i => Shapes[i]).ToArray());
            Shapes[step.Output] = shape;
            if (!step.IsView)
            {
                Slots[step.Output] = Take(arena, free, ValueBuffer.ShapeLength(shape));
            }

            foreach (var root in step.Inputs.Select(i => network.Root[i]).Distinct())
            {
                if (network.LastUse[root] == s && root != network.InputValue && root != network.Root[network.OutputValue])
                {
                    free.Add(Slots[root]);
                }
            }
        }

        AllocatedFloats = Slots.Where(s => s >= 0).Distinct().Sum(s => (long)arena.Slot(s).Length);
    }

    /// <summary>The input shape this plan serves.</summary>
    public int[] InputShape { get; }

    /// <summary>Shape of every value.</summary>
    public int[][] Shapes { get; }

    /// <summary>Arena slot of every value that owns a buffer (-1 for views and the graph input).</summary>
    public int[] Slots { get; }

    /// <summary>A reusable argument array per step.</summary>
    public ValueBuffer[][] Arguments { get; }

    /// <summary>Floats of the arena slots this plan uses (each counted once).</summary>
    public long AllocatedFloats { get; }

    private static int Take(InferenceArena arena, List<int> free, int length)
    {
        // The smallest free slot that fits; else grow the largest free one; else a new slot.
        var best = -1;
        var largest = -1;
        for (var i = 0; i < free.Count; i++)
        {
            var capacity = arena.Slot(free[i]).Length;
            if (capacity >= length && (best < 0 || capacity < arena.Slot(free[best]).Length))
            {
                best = i;
            }

            if (largest < 0 || capacity > arena.Slot(free[largest]).Length)
            {
                largest = i;
            }
        }

        if (best < 0 && largest < 0)
        {
            return arena.NewSlot(length);
        }

        var chosen = best >= 0 ? best : largest;
        var slot = free[chosen];
        free.RemoveAt(chosen);
        arena.Grow(slot, length);
        return slot;
    }
}
