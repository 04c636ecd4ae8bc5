using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SpineKit.Neural.Kernels;

namespace SpineKit.Benchmarks;

/// <summary>
/// <c>kernels [runs] [all|sgemm|conv|LAYER] [threads] [auto|vector512|vector256|scalar]</c>: SGEMM 2048^3 on one and two threads, then every convolution of UNet16 at batch 1,
/// 512x256 in all three directions, and the convolution time of one forward and one forward+backward pass.
/// Each figure is the best of <c>runs</c> timed calls after one warm-up call: the machine is shared, and the
/// fastest run is the one least disturbed by other processes. <c>threads</c> caps the convolution threads.
/// </summary>
internal static class KernelsBenchmark
{
    private record struct Layer(string Name, Conv2dGeometry Geometry, bool Transposed, bool Bias, bool NeedsInputGradient);

    public static int Run(string[] args)
    {
        var runs = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var r) && r > 0 ? r : 5;
        var only = args.Length > 1 ? args[1] : "all";
        var threads = args.Length > 2 && int.TryParse(args[2], CultureInfo.InvariantCulture, out var t) && t > 0 ? t : Environment.ProcessorCount;
        var path = args.Length > 3 && Enum.TryParse<SimdPath>(args[3], ignoreCase: true, out var p) ? p : SimdPath.Auto;
        var options = new KernelOptions { MaxThreads = threads, Path = path };
        var random = new Random(1);
        if (only is "all" or "sgemm")
        {
            Sgemm(random, 2048, runs, path);
        }

        if (only is "sgemm")
        {
            return 0;
        }

        double forward = 0, training = 0;
        foreach (var layer in UNet16Layers(512, 256))
        {
            if (only is not ("all" or "conv") && only != layer.Name)
            {
                continue;
            }

            var (f, b) = TimeLayer(random, layer, runs, options);
            forward += f;
            training += f + b;
        }

        Print(new { benchmark = "kernels", @case = "unet16-conv-total", batch = 1, height = 512, width = 256, threads, forward_ms = Round(forward), forward_backward_ms = Round(training) });
        return 0;
    }

    private static void Sgemm(Random random, int size, int runs, SimdPath path)
    {
        var a = Fill(random, size * size);
        var b = Fill(random, size * size);
        var c = new float[size * size];
        foreach (var threads in new[] { 1, 2 })
        {
            var options = new KernelOptions { MaxThreads = threads, Path = path };
            var (ms, cpu) = Best(runs, () => Gemm.Multiply(false, false, size, size, size, 1f, a, size, b, size, 0f, c, size, options));
            Print(new { benchmark = "kernels", @case = "sgemm", m = size, n = size, k = size, threads, path = options.ResolvedPath.ToString(), ms = Round(ms), cpu_ms = Round(cpu), gflops = Round(2.0 * size * size * size / ms / 1e6) });
        }
    }

    /// <summary>Times one layer's passes; returns (forward ms, backward ms) as a training step would call them.</summary>
    private static (double Forward, double Backward) TimeLayer(Random random, Layer layer, int runs, KernelOptions options)
    {
        var g = layer.Geometry;
        var input = Fill(random, g.InputLength);
        var weight = Fill(random, g.WeightLength);
        var bias = layer.Bias ? Fill(random, g.OutChannels) : [];
        var output = new float[g.OutputLength];
        var gradOutput = Fill(random, g.OutputLength);
        var gradInput = new float[g.InputLength];
        var gradWeight = new float[g.WeightLength];
        var gradBias = new float[layer.Bias ? g.OutChannels : 0];
        var flops = g.ForwardFlops;

        var conv = Best(runs, () => Convolution2d.Forward(g, input, weight, bias, output, options));
        var data = Best(runs, () => Convolution2d.BackwardInput(g, gradOutput, weight, gradInput, options));
        var weights = Best(runs, () => Convolution2d.BackwardWeight(g, input, gradOutput, gradWeight, gradBias, options));
        Print(new
        {
            benchmark = "kernels",
            @case = "unet16-layer",
            layer = layer.Name,
            transposed = layer.Transposed,
            cin = g.InChannels,
            cout = g.OutChannels,
            kernel = g.KernelHeight,
            stride = g.StrideY,
            height = g.InHeight,
            width = g.InWidth,
            gflop = Round(flops / 1e9),
            forward_ms = Round(conv.Wall),
            forward_gflops = Round(flops / conv.Wall / 1e6),
            forward_cpu_ms = Round(conv.Cpu),
            backward_input_ms = Round(data.Wall),
            backward_input_gflops = Round(flops / data.Wall / 1e6),
            backward_input_cpu_ms = Round(data.Cpu),
            backward_weight_ms = Round(weights.Wall),
            backward_weight_gflops = Round(flops / weights.Wall / 1e6),
            backward_weight_cpu_ms = Round(weights.Cpu),
        });

        // A transposed convolution runs BackwardInput forwards; its backward is Forward (input gradient) plus BackwardWeight.
        return layer.Transposed
            ? (data.Wall, conv.Wall + weights.Wall)
            : (conv.Wall, weights.Wall + (layer.NeedsInputGradient ? data.Wall : 0));
    }

    /// <summary>The convolutions of UNet16 (see the PyTorch anchor): 5 encoder levels, 4 decoder levels, 1x1 head.</summary>
    private static IEnumerable<Layer> UNet16Layers(int height, int width)
    {
        var channels = new[] { 16, 32, 64, 128, 256 };
        for (var level = 0; level < channels.Length; level++)
        {
            int h = height >> level, w = width >> level, c = channels[level];
            var cin = level == 0 ? 1 : channels[level - 1];
            yield return new($"down{level}a", Conv3(h, w, cin, c), false, false, level > 0);
            yield return new($"down{level}b", Conv3(h, w, c, c), false, false, true);
        }

        for (var level = channels.Length - 2; level >= 0; level--)
        {
            int h = height >> level, w = width >> level, c = channels[level];

            // ConvTranspose2d(2c -> c, k2, s2) producing h x w is the input gradient of Conv2d(c -> 2c, k2, s2) on h x w.
            yield return new($"up{level}", new Conv2dGeometry(1, c, h, w, 2 * c, 2, 2, StrideY: 2, StrideX: 2), true, true, true);
            yield return new($"dec{level}a", Conv3(h, w, 2 * c, c), false, false, true);
            yield return new($"dec{level}b", Conv3(h, w, c, c), false, false, true);
        }

        yield return new("head", new Conv2dGeometry(1, 16, height, width, 68, 1, 1), false, true, true);
    }

    private static Conv2dGeometry Conv3(int h, int w, int cin, int cout) => new(1, cin, h, w, cout, 3, 3, PadY: 1, PadX: 1);

    /// <summary>Best wall-clock and best process-CPU milliseconds of <paramref name="runs"/> calls (CPU time is less disturbed by a shared machine).</summary>
    private static (double Wall, double Cpu) Best(int runs, Action action)
    {
        action();
        double wall = double.MaxValue, cpu = double.MaxValue;
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var start = Stopwatch.GetTimestamp();
            action();
            wall = Math.Min(wall, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            process.Refresh();
            cpu = Math.Min(cpu, (process.TotalProcessorTime - cpuStart).TotalMilliseconds);
        }

        return (wall, cpu);
    }

    private static float[] Fill(Random random, int length)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }

    private static double Round(double value) => Math.Round(value, 3);

    private static void Print(object record) => Console.WriteLine(JsonSerializer.Serialize(record));
}
