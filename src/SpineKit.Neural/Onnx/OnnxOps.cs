using SpineKit.Neural.Layers;

namespace SpineKit.Neural.Onnx;

/// <summary>
/// The ONNX form of the functional operations layers and networks share (activations, sums, products,
/// concatenation, pooling, resizing, convolution), each written once with the attributes that make ONNX compute
/// exactly what <see cref="Functional"/> computes.
/// </summary>
public static class OnnxOps
{
    /// <summary><c>max(x, 0)</c>.</summary>
    public static string Relu(this OnnxGraphBuilder graph, string x) => Graph(graph).Node("Relu", [x]);

    /// <summary>The logistic sigmoid.</summary>
    public static string Sigmoid(this OnnxGraphBuilder graph, string x) => Graph(graph).Node("Sigmoid", [x]);

    /// <summary><c>a + b</c> with broadcasting.</summary>
    public static string Add(this OnnxGraphBuilder graph, string a, string b) => Graph(graph).Node("Add", [a, b]);

    /// <summary><c>a * b</c> with broadcasting.</summary>
    public static string Mul(this OnnxGraphBuilder graph, string a, string b) => Graph(graph).Node("Mul", [a, b]);

    /// <summary>Joins maps along the channel dimension, as <see cref="Functional.Concat"/> with dimension 1.</summary>
    public static string ConcatChannels(this OnnxGraphBuilder graph, params string[] inputs) =>
        Graph(graph).Node("Concat", inputs, OnnxAttribute.Int("axis", 1));

    /// <summary>Max pooling over square windows (floor rounding, as PyTorch's default).</summary>
    public static string MaxPool(this OnnxGraphBuilder graph, string x, int kernel, int stride, int padding) =>
        Graph(graph).Node("MaxPool", [x], Window(kernel), Strides(stride), Pads(padding));

    /// <summary>
    /// Integer upsampling of height and width. Nearest repeats each pixel (ONNX's asymmetric coordinates with
    /// floor rounding); bilinear uses half-pixel centres, PyTorch's <c>align_corners=False</c>.
    /// </summary>
    public static string Upsample(this OnnxGraphBuilder graph, string x, int scale, UpsampleMode mode)
    {
        var scales = Graph(graph).FloatConstant("upsample_scales", 1, 1, scale, scale);
        return mode == UpsampleMode.Nearest
            ? graph.Node("Resize", [x, string.Empty, scales], OnnxAttribute.Text("mode", "nearest"), OnnxAttribute.Text("coordinate_transformation_mode", "asymmetric"), OnnxAttribute.Text("nearest_mode", "floor"))
            : graph.Node("Resize", [x, string.Empty, scales], OnnxAttribute.Text("mode", "linear"), OnnxAttribute.Text("coordinate_transformation_mode", "half_pixel"));
    }

    /// <summary>A 2-D convolution with a square kernel, symmetric padding and the given weight and optional bias.</summary>
    public static string Conv(this OnnxGraphBuilder graph, string x, Tensor weight, Tensor? bias, int stride, int padding, int dilation, int groups)
    {
        ArgumentNullException.ThrowIfNull(weight);
        List<string> inputs = [x, Graph(graph).Weight(weight)];
        if (bias is not null)
        {
            inputs.Add(graph.Weight(bias));
        }

        return graph.Node("Conv", inputs, Window(weight.Size(2)), Strides(stride), Pads(padding), Dilations(dilation), OnnxAttribute.Int("group", groups));
    }

    /// <summary>The <c>kernel_shape</c> attribute of a square window.</summary>
    internal static OnnxAttribute Window(int kernel) => OnnxAttribute.Ints("kernel_shape", kernel, kernel);

    /// <summary>The <c>strides</c> attribute of equal strides.</summary>
    internal static OnnxAttribute Strides(int stride) => OnnxAttribute.Ints("strides", stride, stride);

    /// <summary>The <c>pads</c> attribute of equal padding on all four sides.</summary>
    internal static OnnxAttribute Pads(int padding) => OnnxAttribute.Ints("pads", padding, padding, padding, padding);

    /// <summary>The <c>dilations</c> attribute of equal dilations.</summary>
    internal static OnnxAttribute Dilations(int dilation) => OnnxAttribute.Ints("dilations", dilation, dilation);

    private static OnnxGraphBuilder Graph(OnnxGraphBuilder graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return graph;
    }
}
