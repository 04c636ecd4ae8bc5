using System.Runtime.InteropServices;
using SpineKit.Neural.Inference.Steps;
using SpineKit.Neural.Onnx;

namespace SpineKit.Neural.Inference;

/// <summary>
/// Turns an ONNX graph into the steps of a <see cref="FusedNetwork"/>, one ONNX operator at a time: a
/// BatchNormalization, Add or Relu whose input is a convolution's output read by nothing else is absorbed into that
/// convolution instead of becoming a step of its own (an Add only when its other operand exists before the
/// convolution runs), and a two-map Concat read only by the padded convolution right after it becomes that
/// convolution's two inputs.
/// </summary>
internal sealed class FusedCompiler(OnnxGraphBuilder graph)
{
    private readonly Dictionary<string, int> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConvStep> _convolutions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _readers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (float[] Data, int[] Shape)> _floats = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long[]> _longs = new(StringComparer.Ordinal);
    private readonly List<InferenceStep> _steps = [];
    private int _foldedNorms;
    private int _fusedActivations;
    private int _valueCount;
    private int _fusedSums;
    private int _fusedConcatenations;
    private readonly Dictionary<int, int> _definedAt = [];

    /// <summary>The factory's arguments: steps, value count, input and output value, folded norms, fused activations, sums and concatenations.</summary>
    public delegate FusedNetwork Factory(InferenceStep[] steps, int valueCount, int inputValue, int outputValue, int foldedNorms, int fusedActivations, int fusedSums, int fusedConcatenations);

    /// <summary>Compiles the graph.</summary>
    public FusedNetwork Compile(Factory create)
    {
        foreach (var initializer in graph.Initializers)
        {
            var shape = initializer.Dims.Select(d => (int)d).ToArray();
            if (initializer.DataType == OnnxDataType.Float)
            {
                _floats[initializer.Name] = (MemoryMarshal.Cast<byte, float>(initializer.RawData).ToArray(), shape);
            }
            else
            {
                _longs[initializer.Name] = MemoryMarshal.Cast<byte, long>(initializer.RawData).ToArray();
            }
        }

        foreach (var node in graph.Nodes)
        {
            foreach (var input in node.Inputs)
            {
                _readers[input] = _readers.GetValueOrDefault(input) + 1;
            }
        }

        var outputName = graph.Outputs[0].Name;
        _readers[outputName] = _readers.GetValueOrDefault(outputName) + 1;
        var inputValue = Value(graph.Inputs[0].Name);
        _definedAt[inputValue] = -1;
        foreach (var node in graph.Nodes)
        {
            var count = _steps.Count;
            Add(node);
            if (_steps.Count > count)
            {
                _definedAt[_steps[^1].Output] = _steps.Count - 1;
            }
        }

        return create([.. _steps], _valueCount, inputValue, Value(outputName), _foldedNorms, _fusedActivations, _fusedSums, _fusedConcatenations);
    }

    private void Add(OnnxNode node)
    {
        var inputs = node.Inputs;
        var output = node.Outputs[0];
        switch (node.OpType)
        {
            case "Conv":
                {
                    var (weight, shape) = _floats[inputs[1]];
                    var bias = inputs.Count > 2 ? (float[])_floats[inputs[2]].Data.Clone() : null;
                    var step = new ConvStep(Value(inputs[0]), Value(output), (float[])weight.Clone(), shape, bias, Square(node, "strides", 1), Padding(node), Square(node, "dilations", 1), (int)Int(node, "group", 1));
                    if (step.CanReadConcatenation && _readers[inputs[0]] == 1 && _steps.Count > 0 && _steps[^1] is ConcatStep { Inputs.Length: 2 } concat && concat.Output == step.Inputs[0])
                    {
                        // The concatenation is read by this convolution alone: it reads both maps instead.
                        _steps.RemoveAt(_steps.Count - 1);
                        step.ReadConcatenation(concat.Inputs[0], concat.Inputs[1]);
                        _fusedConcatenations++;
                    }

                    _convolutions[output] = step;
                    _steps.Add(step);
                    break;
                }

            case "BatchNormalization":
                {
                    var (scale, shift) = Affine(node);
                    if (_convolutions.TryGetValue(inputs[0], out var conv) && _readers[inputs[0]] == 1 && !conv.Relu)
                    {
                        conv.FoldAffine(scale, shift);
                        Alias(output, conv);
                        _foldedNorms++;
                    }
                    else
                    {
                        _steps.Add(new AffineStep(Value(inputs[0]), Value(output), scale, shift));
                    }

                    break;
                }

            case "Relu":
                if (_convolutions.TryGetValue(inputs[0], out var producer) && _readers[inputs[0]] == 1 && !producer.Relu)
                {
                    producer.FuseRelu();
                    Alias(output, producer);
                    _fusedActivations++;
                }
                else
                {
                    _steps.Add(new ActivationStep(Value(inputs[0]), Value(output), Activation.Relu));
                }

                break;
            case "LeakyRelu":
                _steps.Add(new ActivationStep(Value(inputs[0]), Value(output), Activation.LeakyRelu, Float(node, "alpha", 0.01f)));
                break;
            case "Sigmoid":
                _steps.Add(new ActivationStep(Value(inputs[0]), Value(output), Activation.Sigmoid));
                break;
            case "Tanh":
                _steps.Add(new ActivationStep(Value(inputs[0]), Value(output), Activation.Tanh));
                break;
            case "Add" when TryFuseSum(inputs[0], inputs[1], output) || TryFuseSum(inputs[1], inputs[0], output):
                break;
            case "Add":
            case "Mul":
                _steps.Add(new BinaryStep(Value(inputs[0]), Value(inputs[1]), Value(output), node.OpType == "Mul"));
                break;
            case "ConvTranspose":
                {
                    var (weight, shape) = _floats[inputs[1]];
                    var bias = inputs.Count > 2 ? _floats[inputs[2]].Data : null;
                    var outputPadding = Attribute(node, "output_padding")?.IntsValue[0] ?? 0;
                    _steps.Add(new ConvTransposeStep(Value(inputs[0]), Value(output), weight, shape, bias, Square(node, "strides", 1), Padding(node), (int)outputPadding, Square(node, "dilations", 1), (int)Int(node, "group", 1)));
                    break;
                }

            case "MaxPool":
                _steps.Add(new MaxPoolStep(Value(inputs[0]), Value(output), Square(node, "kernel_shape", 1), Square(node, "strides", 1), Padding(node)));
                break;
            case "Resize":
                _steps.Add(new UpsampleNearestStep(Value(inputs[0]), Value(output), NearestScale(node)));
                break;
            case "Concat":
                if (Int(node, "axis", 0) != 1)
                {
                    throw new NotSupportedException("The fused inference path joins maps along the channels only.");
                }

                _steps.Add(new ConcatStep([.. inputs.Select(Value)], Value(output)));
                break;
            case "GlobalAveragePool":
                _steps.Add(new GlobalAveragePoolStep(Value(inputs[0]), Value(output)));
                break;
            case "Gemm":
                {
                    if (Int(node, "transB", 0) != 1 || Int(node, "transA", 0) != 0)
                    {
                        throw new NotSupportedException("The fused inference path runs Gemm as a linear layer (transB = 1) only.");
                    }

                    var (weight, shape) = _floats[inputs[1]];
                    _steps.Add(new GemmStep(Value(inputs[0]), Value(output), weight, shape[0], inputs.Count > 2 ? _floats[inputs[2]].Data : null));
                    break;
                }

            case "Flatten":
                _steps.Add(new ViewStep(Value(inputs[0]), Value(output), null, (int)Int(node, "axis", 1)));
                break;
            case "Reshape":
                _steps.Add(new ViewStep(Value(inputs[0]), Value(output), _longs.TryGetValue(inputs[1], out var target) ? target : throw new NotSupportedException("The fused inference path reshapes to constant shapes only."), -1));
                break;
            case "Identity":
                _steps.Add(new ViewStep(Value(inputs[0]), Value(output), null, -1));
                break;
            default:
                throw new NotSupportedException($"The fused inference path has no {node.OpType} (node {node.Name}); run the network's Forward instead.");
        }
    }

    /// <summary>Absorbs <c>sum = conv + other</c> into the convolution when nothing else reads its output and <paramref name="other"/> is ready before it runs.</summary>
    private bool TryFuseSum(string convOutput, string other, string sum)
    {
        if (!_convolutions.TryGetValue(convOutput, out var conv) || _readers[convOutput] != 1 || conv.Relu || conv.HasResidual
            || !_values.TryGetValue(other, out var otherValue) || !_definedAt.TryGetValue(otherValue, out var ready)
            || ready >= _steps.IndexOf(conv) || otherValue == conv.Output)
        {
            return false;
        }

        conv.FuseResidual(otherValue);
        Alias(sum, conv);
        _fusedSums++;
        return true;
    }

    private int Value(string name)
    {
        if (!_values.TryGetValue(name, out var index))
        {
            index = _valueCount++;
            _values[name] = index;
        }

        return index;
    }

    /// <summary>Makes <paramref name="name"/> another name of the convolution's output.</summary>
    private void Alias(string name, ConvStep conv)
    {
        _values[name] = conv.Output;
        _convolutions[name] = conv;
    }

    private (double[] Scale, double[] Shift) Affine(OnnxNode node)
    {
        var epsilon = Float(node, "epsilon", 1e-5f);
        var (weight, bias, mean, variance) = (_floats[node.Inputs[1]].Data, _floats[node.Inputs[2]].Data, _floats[node.Inputs[3]].Data, _floats[node.Inputs[4]].Data);
        var scale = new double[weight.Length];
        var shift = new double[weight.Length];
        for (var c = 0; c < weight.Length; c++)
        {
            // As Functional.BatchNorm2d computes it in evaluation mode.
            scale[c] = weight[c] * (1.0 / Math.Sqrt(variance[c] + epsilon));
            shift[c] = bias[c] - (mean[c] * scale[c]);
        }

        return (scale, shift);
    }

    private int NearestScale(OnnxNode node)
    {
        if (Attribute(node, "mode")?.StringValue != "nearest" || node.Inputs.Count < 3 || !_floats.TryGetValue(node.Inputs[2], out var scales))
        {
            throw new NotSupportedException("The fused inference path resizes by nearest neighbour with constant scales only.");
        }

        var s = scales.Data;
        return s.Length == 4 && s[0] == 1 && s[1] == 1 && s[2] == s[3] && s[2] >= 1 && s[2] == MathF.Round(s[2])
            ? (int)s[2]
            : throw new NotSupportedException($"The fused inference path resizes by equal integer factors only, not [{string.Join(", ", s)}].");
    }

    private static OnnxAttribute? Attribute(OnnxNode node, string name) => node.Attributes.FirstOrDefault(a => a.Name == name);

    private static long Int(OnnxNode node, string name, long fallback) => Attribute(node, name)?.IntValue ?? fallback;

    private static float Float(OnnxNode node, string name, float fallback) => Attribute(node, name)?.FloatValue ?? fallback;

    private static int Square(OnnxNode node, string name, int fallback)
    {
        var values = Attribute(node, name)?.IntsValue;
        if (values is null || values.Count == 0)
        {
            return fallback;
        }

        return values.All(v => v == values[0])
            ? (int)values[0]
            : throw new NotSupportedException($"The fused inference path takes equal {name} in both directions.");
    }

    private static int Padding(OnnxNode node) => Square(node, "pads", 0);
}
