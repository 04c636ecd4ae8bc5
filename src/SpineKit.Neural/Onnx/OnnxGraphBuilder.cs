using System.Globalization;
using System.Runtime.InteropServices;
using SpineKit.Neural.Layers;

namespace SpineKit.Neural.Onnx;

/// <summary>
/// Collects an ONNX inference graph (opset <see cref="OpsetVersion"/>): inputs, constant tensors (initializers),
/// nodes in execution order and outputs, and writes it as an ONNX model file. Layers add themselves through
/// <see cref="IOnnxExportable"/>; a network's own wiring (skips, additions, concatenations) calls
/// <see cref="Node"/> and the helpers of <see cref="OnnxOps"/>. Parameters keep their state_dict names
/// (<c>enc0.conv.weight</c>) when the builder is given the network they belong to.
/// </summary>
public sealed class OnnxGraphBuilder
{
    /// <summary>The ONNX operator set the exported graphs use.</summary>
    public const int OpsetVersion = 17;

    /// <summary>The ONNX IR version that goes with opset 17 (ONNX 1.12).</summary>
    internal const long IrVersion = 8;

    private readonly Dictionary<Tensor, string> _stateNames = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Tensor, string> _weights = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly List<OnnxNode> _nodes = [];
    private readonly List<OnnxInitializer> _initializers = [];
    private readonly List<OnnxValueInfo> _inputs = [];
    private readonly List<OnnxValueInfo> _outputs = [];

    /// <summary>Starts an empty graph called <paramref name="graphName"/>; the parameters of <paramref name="network"/> are named after its state_dict.</summary>
    public OnnxGraphBuilder(string graphName, Module? network = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(graphName);
        GraphName = graphName;
        if (network is not null)
        {
            foreach (var (name, tensor) in network.StateDict())
            {
                _stateNames.TryAdd(tensor, name);
            }
        }
    }

    /// <summary>The graph's name in the file.</summary>
    public string GraphName { get; }

    internal IReadOnlyList<OnnxNode> Nodes => _nodes;

    internal IReadOnlyList<OnnxInitializer> Initializers => _initializers;

    internal IReadOnlyList<OnnxValueInfo> Inputs => _inputs;

    internal IReadOnlyList<OnnxValueInfo> Outputs => _outputs;

    /// <summary>
    /// Declares a float input <c>[batch, channels, height, width]</c> whose batch, height and width are symbolic
    /// (any size the network accepts); returns its name.
    /// </summary>
    public string AddInput(string name, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        Claim(name);
        _inputs.Add(new OnnxValueInfo(name, [OnnxDimension.Named("batch"), OnnxDimension.Fixed(channels), OnnxDimension.Named("height"), OnnxDimension.Named("width")]));
        return name;
    }

    /// <summary>
    /// Declares the value <paramref name="value"/> a graph output named <paramref name="name"/>, a float map
    /// <c>[batch, channels, H', W']</c> whose sides follow the input's, or with <paramref name="spatial"/> false a
    /// float vector per batch item <c>[batch, channels]</c> (a classifier's logits).
    /// </summary>
    public void AddOutput(string value, string name, int channels, bool spatial = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        var producer = _nodes.FindIndex(n => n.Outputs.Contains(value));
        if (producer < 0 || _inputs.Any(i => i.Name == value) || _outputs.Any(o => o.Name == value))
        {
            // An input (or another output) cannot be renamed: copy it.
            Claim(name);
            _nodes.Add(new OnnxNode("Identity", name, [value], [name], []));
        }
        else
        {
            Claim(name);
            foreach (var node in _nodes)
            {
                Rename(node.Inputs, value, name);
                Rename(node.Outputs, value, name);
            }
        }

        _outputs.Add(new OnnxValueInfo(name, spatial
            ? [OnnxDimension.Named("batch"), OnnxDimension.Fixed(channels), OnnxDimension.Named(name + "_height"), OnnxDimension.Named(name + "_width")]
            : [OnnxDimension.Named("batch"), OnnxDimension.Fixed(channels)]));
    }

    /// <summary>Adds <paramref name="layer"/> applied to <paramref name="input"/>; throws <see cref="NotSupportedException"/> for a layer without an ONNX form.</summary>
    public string Apply(UnaryModule layer, string input)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return layer is IOnnxExportable exportable
            ? exportable.ExportOnnx(this, input)
            : throw new NotSupportedException($"The layer {layer.GetType().Name} has no ONNX export.");
    }

    /// <summary>
    /// Adds a parameter or buffer as a float initializer (once per tensor) and returns its name: its state_dict
    /// name when it belongs to the network given at construction. <paramref name="shape"/> re-views it (same
    /// element count), e.g. a per-channel vector as <c>[C, 1, 1]</c> to broadcast over a map.
    /// </summary>
    public string Weight(Tensor tensor, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var reshaped = shape.Length > 0;
        if (!reshaped && _weights.TryGetValue(tensor, out var known))
        {
            return known;
        }

        var dims = reshaped ? shape : [.. tensor.Shape];
        if (dims.Aggregate(1L, (a, b) => a * b) != tensor.Length)
        {
            throw new ArgumentException($"Cannot view a tensor of {tensor.Length} elements as {Tensor.FormatShape(dims)}.", nameof(shape));
        }

        var baseName = _stateNames.TryGetValue(tensor, out var stateName) ? stateName : "const";
        var name = Unique(reshaped ? baseName + "_" + string.Join("x", dims) : baseName);
        _initializers.Add(new OnnxInitializer(name, OnnxDataType.Float, [.. dims.Select(d => (long)d)], MemoryMarshal.AsBytes(tensor.Data.AsSpan()).ToArray()));
        if (!reshaped)
        {
            _weights[tensor] = name;
        }

        return name;
    }

    /// <summary>Adds a 1-D int64 initializer (shapes, axes) and returns its name.</summary>
    public string Int64Constant(string hint, params long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var name = Unique(hint);
        _initializers.Add(new OnnxInitializer(name, OnnxDataType.Int64, [values.Length], MemoryMarshal.AsBytes(values.AsSpan()).ToArray()));
        return name;
    }

    /// <summary>Adds a 1-D float initializer (scales) and returns its name.</summary>
    public string FloatConstant(string hint, params float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var name = Unique(hint);
        _initializers.Add(new OnnxInitializer(name, OnnxDataType.Float, [values.Length], MemoryMarshal.AsBytes(values.AsSpan()).ToArray()));
        return name;
    }

    /// <summary>
    /// Adds a node of the standard domain with one output and returns the output's name. An empty string in
    /// <paramref name="inputs"/> is an omitted optional input, as ONNX writes it.
    /// </summary>
    public string Node(string opType, IReadOnlyList<string> inputs, params OnnxAttribute[] attributes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        foreach (var input in inputs)
        {
            if (input.Length > 0 && !_names.Contains(input))
            {
                throw new ArgumentException($"ONNX node {opType} reads '{input}', which no earlier node, input or initializer defines.", nameof(inputs));
            }
        }

        var output = Unique(opType + "_" + _nodes.Count.ToString(CultureInfo.InvariantCulture));
        _nodes.Add(new OnnxNode(opType, output, [.. inputs], [output], attributes));
        return output;
    }

    /// <summary>
    /// The ONNX model file (a serialised <c>ModelProto</c>): this graph, opset <see cref="OpsetVersion"/>,
    /// <paramref name="metadata"/> as <c>metadata_props</c> and <paramref name="description"/> as the model's doc string.
    /// </summary>
    public byte[] ToModelBytes(IReadOnlyDictionary<string, string> metadata, string description, string producerVersion)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (_inputs.Count == 0 || _outputs.Count == 0)
        {
            throw new InvalidOperationException("An ONNX graph needs at least one input and one output.");
        }

        return OnnxProtobufWriter.Model(this, metadata, description, producerVersion);
    }

    private void Claim(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_names.Add(name))
        {
            throw new ArgumentException($"The ONNX graph already has a value named '{name}'.", nameof(name));
        }
    }

    private string Unique(string hint)
    {
        var name = hint;
        for (var i = 1; !_names.Add(name); i++)
        {
            name = hint + "_" + i.ToString(CultureInfo.InvariantCulture);
        }

        return name;
    }

    private static void Rename(List<string> names, string from, string to)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == from)
            {
                names[i] = to;
            }
        }
    }
}
