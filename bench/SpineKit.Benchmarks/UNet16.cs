using SpineKit.Detection.Segmentation.Networks;
using SpineKit.Neural;
using SpineKit.Neural.Kernels;
using SpineKit.Neural.Layers;
using SpineKit.Neural.Onnx;

namespace SpineKit.Benchmarks;

/// <summary>
/// UNet16 of ../shared/bench/torch_unet_anchor.py, module for module and name for name: 5 encoder levels
/// (16..256 channels) of [conv3x3 (no bias), BatchNorm, ReLU] x 2 with 2x2 max-pooling between them,
/// 4 decoder levels of ConvTranspose2d(2, stride 2) + concat(upsampled, skip) + the same double conv,
/// and a 1x1 head to 68 channels.
/// </summary>
internal sealed class UNet16 : UnaryModule, IOnnxExportable
{
    private const int Depth = 4;
    private readonly List<Sequential> _down = [];
    private readonly List<ConvTranspose2d> _up = [];
    private readonly List<Sequential> _dec = [];
    private readonly Conv2d _head;
    private readonly int _inputChannels;
    private readonly int[] _channels;

    public UNet16(Random random, int inputChannels = 1, int outputChannels = 68, int baseChannels = 16)
    {
        _inputChannels = inputChannels;
        _channels = [.. Enumerable.Range(0, Depth + 1).Select(i => baseChannels << i)];
        var down = RegisterModule("down", new ModuleList());
        var up = RegisterModule("up", new ModuleList());
        var dec = RegisterModule("dec", new ModuleList());
        for (var i = 0; i <= Depth; i++)
        {
            _down.Add(down.Add(DoubleConv(i == 0 ? inputChannels : _channels[i - 1], _channels[i], random)));
        }

        for (var i = 0; i < Depth; i++)
        {
            _up.Add(up.Add(new ConvTranspose2d(_channels[i + 1], _channels[i], 2, random, stride: 2)));
        }

        for (var i = 0; i < Depth; i++)
        {
            _dec.Add(dec.Add(DoubleConv(_channels[i] * 2, _channels[i], random)));
        }

        _head = RegisterModule("head", new Conv2d(_channels[0], outputChannels, 1, random));
    }

    public override Tensor Forward(Tensor input)
    {
        var skips = new List<Tensor>();
        var x = input;
        for (var i = 0; i <= Depth; i++)
        {
            x = _down[i].Forward(x);
            if (i < Depth)
            {
                skips.Add(x);
                x = Functional.MaxPool2d(x, 2);
            }
        }

        for (var i = Depth - 1; i >= 0; i--)
        {
            x = _dec[i].Forward(Functional.Concat(1, _up[i].Forward(x), skips[i]));
        }

        return _head.Forward(x);
    }

    /// <summary>The same forward pass as ONNX operators (for ONNX Runtime and the fused inference path).</summary>
    public string ExportOnnx(OnnxGraphBuilder graph, string input)
    {
        var skips = new List<string>();
        var x = input;
        for (var i = 0; i <= Depth; i++)
        {
            x = graph.Apply(_down[i], x);
            if (i < Depth)
            {
                skips.Add(x);
                x = graph.MaxPool(x, 2, 2, 0);
            }
        }

        for (var i = Depth - 1; i >= 0; i--)
        {
            x = graph.Apply(_dec[i], graph.ConcatChannels(graph.Apply(_up[i], x), skips[i]));
        }

        return graph.Apply(_head, x);
    }

    /// <summary>Every convolution the forward pass runs, as (geometry, transposed), to count FLOPs.</summary>
    public IEnumerable<(Conv2dGeometry Geometry, bool Transposed)> Convolutions(int batch, int height, int width)
    {
        var cin = _inputChannels;
        for (var i = 0; i <= Depth; i++)
        {
            int h = height >> i, w = width >> i;
            yield return (new Conv2dGeometry(batch, cin, h, w, _channels[i], 3, 3, PadY: 1, PadX: 1), false);
            yield return (new Conv2dGeometry(batch, _channels[i], h, w, _channels[i], 3, 3, PadY: 1, PadX: 1), false);
            cin = _channels[i];
        }

        for (var i = Depth - 1; i >= 0; i--)
        {
            int h = height >> i, w = width >> i;

            // A transposed convolution costs what its mirrored convolution (output -> input) costs.
            yield return (new Conv2dGeometry(batch, _channels[i], h, w, _channels[i + 1], 2, 2, 2, 2), true);
            yield return (new Conv2dGeometry(batch, _channels[i] * 2, h, w, _channels[i], 3, 3, PadY: 1, PadX: 1), false);
            yield return (new Conv2dGeometry(batch, _channels[i], h, w, _channels[i], 3, 3, PadY: 1, PadX: 1), false);
        }

        yield return (new Conv2dGeometry(batch, _channels[0], height, width, 68, 1, 1), false);
    }

    private static Sequential DoubleConv(int cin, int cout, Random random) => new(
        new Conv2d(cin, cout, 3, random, padding: 1, bias: false), new BatchNorm2d(cout, inPlaceInference: true), new ReLU(inPlace: true),
        new Conv2d(cout, cout, 3, random, padding: 1, bias: false), new BatchNorm2d(cout, inPlaceInference: true), new ReLU(inPlace: true));

    /// <summary>PyTorch's nn.ModuleList: children named 0, 1, ... without a forward of its own.</summary>
    private sealed class ModuleList : Module
    {
        private int _count;

        public T Add<T>(T module)
            where T : Module => RegisterModule((_count++).ToString(System.Globalization.CultureInfo.InvariantCulture), module);
    }
}
