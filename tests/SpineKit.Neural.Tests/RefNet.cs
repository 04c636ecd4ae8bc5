using SpineKit.Neural;
using SpineKit.Neural.Layers;

namespace SpineKit.Neural.Tests;

/// <summary>
/// The network of Fixtures/make_reference.py, built from the engine's layers with the same names. With
/// <c>fusedNormalization</c> its three BatchNorm + ReLU pairs run as the fused operation (<see cref="BatchNorm2d.ForwardRelu"/>).
/// </summary>
internal sealed class RefNet : UnaryModule
{
    private readonly Conv2d _stem;
    private readonly BatchNorm2d _bn1;
    private readonly Conv2d _down;
    private readonly BatchNorm2d _bn2;
    private readonly Conv2d _dil;
    private readonly SqueezeExcitation _se;
    private readonly MaxPool2d _pool;
    private readonly Conv2d _deep;
    private readonly BatchNorm2d _bn3;
    private readonly ConvTranspose2d _up1;
    private readonly AttentionGate _gate;
    private readonly Conv2d _fuse;
    private readonly Conv2d _head;
    private readonly bool _fused;

    public RefNet(Random random, bool fusedNormalization = false)
    {
        _fused = fusedNormalization;
        _stem = RegisterModule("stem", new Conv2d(1, 8, 3, random, padding: 1, bias: false));
        _bn1 = RegisterModule("bn1", new BatchNorm2d(8));
        _down = RegisterModule("down", new Conv2d(8, 16, 3, random, stride: 2, padding: 1, bias: false));
        _bn2 = RegisterModule("bn2", new BatchNorm2d(16));
        _dil = RegisterModule("dil", new Conv2d(16, 16, 3, random, padding: 2, dilation: 2, groups: 2));
        _se = RegisterModule("se", new SqueezeExcitation(16, random));
        _pool = RegisterModule("pool", new MaxPool2d(2));
        _deep = RegisterModule("deep", new Conv2d(16, 32, 3, random, padding: 1));
        _bn3 = RegisterModule("bn3", new BatchNorm2d(32));
        _up1 = RegisterModule("up1", new ConvTranspose2d(32, 16, 2, random, stride: 2));
        _gate = RegisterModule("gate", new AttentionGate(16, 16, 8, random));
        _fuse = RegisterModule("fuse", new Conv2d(32, 8, 3, random, padding: 1));
        _head = RegisterModule("head", new Conv2d(16, 4, 1, random));
    }

    public override Tensor Forward(Tensor input)
    {
        var a = NormalizeRelu(_bn1, _stem.Forward(input));
        var b = NormalizeRelu(_bn2, _down.Forward(a));
        b = _se.Forward(Functional.LeakyRelu(_dil.Forward(b), 0.1f));
        var c = NormalizeRelu(_bn3, _deep.Forward(_pool.Forward(b)));
        var u = _up1.Forward(c);
        var g = _gate.Forward(u, b);
        var f = Functional.Relu(_fuse.Forward(Functional.Concat(1, u, g)));
        f = Functional.UpsampleBilinear(f, 2);
        return _head.Forward(Functional.Concat(1, f, a));
    }

    private Tensor NormalizeRelu(BatchNorm2d norm, Tensor x) => _fused ? norm.ForwardRelu(x) : Functional.Relu(norm.Forward(x));
}
