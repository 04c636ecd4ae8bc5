using SpineKit.Neural.Layers;
using SpineKit.Neural.Onnx;

namespace SpineKit.Neural.Inference;

/// <summary>
/// A trained network compiled for inference from its ONNX graph (the same graph <c>export onnx</c> writes): every
/// batch norm that follows a convolution is folded into its weights and bias, residual sums and ReLUs that follow
/// one are applied by the convolution's output stage, a concatenation read by one padded convolution is read in place by it, and the buffers are planned once per input shape (values whose
/// lifetimes do not overlap share storage) and reused, so a call after the first of a shape allocates no maps.
/// The weights are copied when compiling: compile a network whose training has finished. One call at a time runs
/// per <see cref="InferenceArena"/> (calls are serialised); results equal the layers' evaluation-mode <c>Forward</c> up to float rounding.
/// </summary>
public sealed class FusedNetwork
{
    /// <summary>Input shapes whose buffers are kept (the least recently used plan is dropped beyond this).</summary>
    private const int MaxPlans = 4;

    private readonly List<ShapePlan> _plans = [];

    private FusedNetwork(InferenceArena arena, InferenceStep[] steps, int valueCount, int inputValue, int outputValue, int foldedNorms, int fusedActivations, int fusedSums, int fusedConcatenations)
    {
        Arena = arena;
        FusedConcatenations = fusedConcatenations;
        FusedSums = fusedSums;
        Steps = steps;
        ValueCount = valueCount;
        InputValue = inputValue;
        OutputValue = outputValue;
        FoldedNorms = foldedNorms;
        FusedActivations = fusedActivations;
        Root = new int[valueCount];
        for (var v = 0; v < valueCount; v++)
        {
            Root[v] = v;
        }

        LastUse = new int[valueCount];
        Array.Fill(LastUse, -1);
        for (var s = 0; s < steps.Length; s++)
        {
            if (steps[s].IsView)
            {
                Root[steps[s].Output] = Root[steps[s].Inputs[0]];
            }

            foreach (var input in steps[s].Inputs)
            {
                LastUse[Root[input]] = s;
            }
        }
    }

    /// <summary>The storage of the maps (this network's own, or one shared with networks that run one after another).</summary>
    public InferenceArena Arena { get; }

    /// <summary>Operations run per call, after fusion.</summary>
    public int StepCount => Steps.Length;

    /// <summary>Batch norms folded into the convolution before them.</summary>
    public int FoldedNorms { get; }

    /// <summary>ReLUs applied by the output stage of the convolution before them.</summary>
    public int FusedActivations { get; }

    /// <summary>Residual sums added by the output stage of the convolution before them.</summary>
    public int FusedSums { get; }

    /// <summary>Channel concatenations read in place by the convolution after them (never written).</summary>
    public int FusedConcatenations { get; }

    internal InferenceStep[] Steps { get; }

    internal int ValueCount { get; }

    internal int InputValue { get; }

    internal int OutputValue { get; }

    /// <summary>The value whose buffer each value uses (itself, or the input of the view that made it).</summary>
    internal int[] Root { get; }

    /// <summary>The last step that reads each root value.</summary>
    internal int[] LastUse { get; }

    /// <summary>
    /// Compiles <paramref name="network"/> (a module that exports itself to ONNX, in evaluation mode) taking
    /// <c>[N, inputChannels, H, W]</c>; throws <see cref="NotSupportedException"/> naming an operation the fused
    /// path lacks. With <paramref name="arena"/> its maps live in that shared storage.
    /// </summary>
    public static FusedNetwork Compile<TNetwork>(TNetwork network, int inputChannels, InferenceArena? arena = null)
        where TNetwork : Module, IOnnxExportable
    {
        ArgumentNullException.ThrowIfNull(network);
        var graph = new OnnxGraphBuilder("fused", network);
        var output = network.ExportOnnx(graph, graph.AddInput("input", inputChannels));
        graph.AddOutput(output, "output", 1);
        return Compile(graph, arena);
    }

    /// <summary>Compiles a graph with one input and one output; with <paramref name="arena"/> its maps live in that shared storage.</summary>
    public static FusedNetwork Compile(OnnxGraphBuilder graph, InferenceArena? arena = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (graph.Inputs.Count != 1 || graph.Outputs.Count != 1)
        {
            throw new NotSupportedException("The fused inference path runs graphs with one input and one output.");
        }

        return new FusedCompiler(graph).Compile((steps, values, input, output, norms, activations, sums, concatenations) => new FusedNetwork(arena ?? new InferenceArena(), steps, values, input, output, norms, activations, sums, concatenations));
    }

    /// <summary>The output's shape for an input of shape <paramref name="inputShape"/>.</summary>
    public IReadOnlyList<int> OutputShape(IReadOnlyList<int> inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        lock (Arena.Gate)
        {
            return PlanFor([.. inputShape]).Shapes[OutputValue];
        }
    }

    /// <summary>Runs the network on <paramref name="input"/> and returns a new output tensor (which the last operation writes directly).</summary>
    public Tensor Run(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        lock (Arena.Gate)
        {
            var plan = PlanFor(input);
            var shape = plan.Shapes[OutputValue];
            var output = GC.AllocateUninitializedArray<float>(ValueBuffer.ShapeLength(shape));
            RunInto(plan, input, output);
            return new Tensor(output, shape);
        }
    }

    /// <summary>
    /// Runs the network on <paramref name="input"/> writing into <paramref name="output"/> (exactly the output's
    /// length), which the last operation writes directly; allocates nothing once the shape has been seen.
    /// </summary>
    public void Run(Tensor input, float[] output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        lock (Arena.Gate)
        {
            var plan = PlanFor(input);
            RequireOutputLength(plan, output.Length);
            RunInto(plan, input, output);
        }
    }

    /// <summary>Runs the network on <paramref name="input"/> writing into <paramref name="output"/> (exactly the output's length); allocates nothing once the shape has been seen.</summary>
    public void Run(Tensor input, Span<float> output)
    {
        ArgumentNullException.ThrowIfNull(input);
        lock (Arena.Gate)
        {
            // The length is checked before the network runs.
            var plan = PlanFor(input);
            RequireOutputLength(plan, output.Length);
            Execute(plan, input, null);
            OutputBuffer(plan, input, null).AsSpan(0, output.Length).CopyTo(output);
        }
    }

    /// <summary>Floats of map storage held for the input shape <paramref name="inputShape"/> (planning it if new).</summary>
    public long PlannedFloats(IReadOnlyList<int> inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        lock (Arena.Gate)
        {
            return PlanFor([.. inputShape]).AllocatedFloats;
        }
    }

    /// <summary>
    /// Runs with <paramref name="output"/> as the output value's buffer, so the last operation writes the caller's
    /// array and nothing is copied; when the output is the input itself (or shares its array) it is copied instead.
    /// </summary>
    private void RunInto(ShapePlan plan, Tensor input, float[] output)
    {
        var direct = Root[OutputValue] != InputValue && !ReferenceEquals(output, input.Data);
        Execute(plan, input, direct ? output : null);
        if (!direct)
        {
            OutputBuffer(plan, input, null).AsSpan(0, output.Length).CopyTo(output);
        }
    }

    private void RequireOutputLength(ShapePlan plan, int given)
    {
        var length = ValueBuffer.ShapeLength(plan.Shapes[OutputValue]);
        if (given != length)
        {
            throw new ArgumentException($"The output holds {length} values, not {given}.", "output");
        }
    }

    private ShapePlan PlanFor(Tensor input)
    {
        var shape = input.Shape;
        Span<int> dims = stackalloc int[shape.Count];
        for (var d = 0; d < dims.Length; d++)
        {
            dims[d] = shape[d];
        }

        return PlanFor(dims);
    }

    private float[] OutputBuffer(ShapePlan plan, Tensor input, float[]? output) => Buffer(plan, Root[OutputValue], input, output);

    private float[] Buffer(ShapePlan plan, int root, Tensor input, float[]? output)
        => root == InputValue ? input.Data
        : output != null && root == Root[OutputValue] ? output
        : Arena.Slot(plan.Slots[root]);

    /// <summary>Runs every step of <paramref name="plan"/> (the input's); the output value lives in <paramref name="output"/> when it is not null.</summary>
    private void Execute(ShapePlan plan, Tensor input, float[]? output)
    {
        for (var s = 0; s < Steps.Length; s++)
        {
            var step = Steps[s];
            var arguments = plan.Arguments[s];
            for (var i = 0; i < arguments.Length; i++)
            {
                var value = step.Inputs[i];
                var root = Root[value];
                arguments[i] = new ValueBuffer(Buffer(plan, root, input, output), plan.Shapes[value]);
            }

            var outputRoot = Root[step.Output];
            step.Run(arguments, new ValueBuffer(Buffer(plan, outputRoot, input, output), plan.Shapes[step.Output]));
        }
    }

    private ShapePlan PlanFor(ReadOnlySpan<int> shape)
    {
        for (var i = 0; i < _plans.Count; i++)
        {
            if (shape.SequenceEqual(_plans[i].InputShape))
            {
                var found = _plans[i];
                if (i > 0)
                {
                    _plans.RemoveAt(i);
                    _plans.Insert(0, found);
                }

                return found;
            }
        }

        var plan = new ShapePlan(this, Arena, shape.ToArray());
        _plans.Insert(0, plan);
        if (_plans.Count > MaxPlans)
        {
            _plans.RemoveAt(_plans.Count - 1);
        }

        return plan;
    }
}
