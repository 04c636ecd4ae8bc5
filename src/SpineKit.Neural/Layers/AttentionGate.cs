using SpineKit.Neural.Onnx;

namespace SpineKit.Neural.Layers;

/// <summary>
/// Additive attention gate on a skip connection (Attention U-Net):
/// <c>x * sigmoid(psi(relu(wg(g) + wx(x))))</c> with 1x1 convolutions <c>wg</c> (bias), <c>wx</c> (no bias) and <c>psi</c> (bias, one channel).
/// </summary>
public sealed class AttentionGate : Module
{
    private readonly Conv2d _wg;
    private readonly Conv2d _wx;
    private readonly Conv2d _psi;

    /// <summary>Creates the gate for a gating signal of <paramref name="gateChannels"/> and a skip of <paramref name="skipChannels"/>.</summary>
    public AttentionGate(int gateChannels, int skipChannels, int innerChannels, Random random)
    {
        _wg = RegisterModule("wg", new Conv2d(gateChannels, innerChannels, 1, random));
        _wx = RegisterModule("wx", new Conv2d(skipChannels, innerChannels, 1, random, bias: false));
        _psi = RegisterModule("psi", new Conv2d(innerChannels, 1, 1, random));
    }

    /// <summary>Returns the skip <paramref name="x"/> weighted by the attention computed from <paramref name="gate"/> and <paramref name="x"/>.</summary>
    public Tensor Forward(Tensor gate, Tensor x)
    {
        var attention = Functional.Sigmoid(_psi.Forward(Functional.Relu(_wg.Forward(gate) + _wx.Forward(x))));
        return x * attention;
    }

    /// <summary>Adds the ONNX form of <see cref="Forward"/> to <paramref name="graph"/>; returns the gated skip's name.</summary>
    public string ExportOnnx(OnnxGraphBuilder graph, string gate, string x)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var inner = graph.Relu(graph.Add(graph.Apply(_wg, gate), graph.Apply(_wx, x)));
        return graph.Mul(x, graph.Sigmoid(graph.Apply(_psi, inner)));
    }
}
