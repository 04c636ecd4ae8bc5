using SpineKit.Neural;
using SpineKit.Neural.Onnx;

namespace SpineKit.Detection.Networks;

/// <summary>
/// The encoder the landmark network, the corner refiner and the level classifier start with: stage <c>i</c> halves the resolution (a 3x3 stride-2
/// <see cref="ConvBnRelu"/>, <c>enc{i}</c>) and refines it (a 3x3 one, <c>enc{i}b</c>), so stage <c>i</c>'s features are
/// at stride <c>2^(i+1)</c>. Its blocks are registered on the owning network under those names, which is what the
/// model files store, so the networks that share it keep their files.
/// </summary>
internal sealed class StridedEncoder
{
    private readonly ConvBnRelu[] _downs;
    private readonly ConvBnRelu[] _refinements;

    /// <summary>Builds one stage per entry of <paramref name="widths"/>, registering each block through <paramref name="register"/>.</summary>
    public StridedEncoder(int inputChannels, IReadOnlyList<int> widths, Random random, Func<string, ConvBnRelu, ConvBnRelu> register)
    {
        ArgumentNullException.ThrowIfNull(widths);
        ArgumentNullException.ThrowIfNull(register);
        _downs = new ConvBnRelu[widths.Count];
        _refinements = new ConvBnRelu[widths.Count];
        var inChannels = inputChannels;
        for (var i = 0; i < widths.Count; i++)
        {
            _downs[i] = register($"enc{i}", new ConvBnRelu(inChannels, widths[i], random, stride: 2));
            _refinements[i] = register($"enc{i}b", new ConvBnRelu(widths[i], widths[i], random));
            inChannels = widths[i];
        }
    }

    /// <summary>Every stage's features, finest first; the last is the encoder's output.</summary>
    public Tensor[] Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var features = new Tensor[_downs.Length];
        var x = input;
        for (var i = 0; i < _downs.Length; i++)
        {
            x = _refinements[i].Forward(_downs[i].Forward(x));
            features[i] = x;
        }

        return features;
    }

    /// <summary>Adds the stages to <paramref name="graph"/>; returns every stage's output name, finest first.</summary>
    public string[] ExportOnnx(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var features = new string[_downs.Length];
        var x = input;
        for (var i = 0; i < _downs.Length; i++)
        {
            x = graph.Apply(_refinements[i], graph.Apply(_downs[i], x));
            features[i] = x;
        }

        return features;
    }
}
