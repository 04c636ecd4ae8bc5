using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SpineKit.Neural;
using SpineKit.Neural.Autograd;
using SpineKit.Neural.Kernels;
using SpineKit.Neural.Optimization;

namespace SpineKit.Benchmarks;

/// <summary>
/// <c>unet [runs] [all|b1|b4]</c>: the engine's counterpart of ../shared/bench/torch_unet_anchor.py. For batch 1 at
/// 512x256 and batch 4 at 256x128 it prints the median seconds of inference (eval mode, no graph) and
/// of one training step (forward, mean of squared logits, backward, Adam), in the anchor's JSON fields,
/// plus the GFLOP/s of the convolutions alone and of the whole inference, then the process's peak
/// working set (compare with the anchor's maximum resident set size).
/// </summary>
internal static class UnetBenchmark
{
    public static int Run(string[] args)
    {
        var runs = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var r) && r > 0 ? r : 7;
        var only = args.Length > 1 ? args[1] : "all";
        foreach (var (batch, height, width) in new[] { (1, 512, 256), (4, 256, 128) })
        {
            if (only != "all" && only != $"b{batch}")
            {
                continue;
            }

            var random = new Random(0);
            var net = new UNet16(random);
            var x = Tensor.RandomNormal(random, 1f, batch, 1, height, width);

            net.Eval();
            var pauseBefore = GC.GetTotalPauseDuration();
            var gen2Before = GC.CollectionCount(2);
            var (infer, inferCpu) = MedianWithCpu(runs, () =>
            {
                using (GradMode.NoGrad())
                {
                    net.Forward(x);
                }
            });

            var inferPause = (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds / (runs + 1);
            var inferGen2 = (GC.CollectionCount(2) - gen2Before) / (double)(runs + 1);
            net.Train();
            pauseBefore = GC.GetTotalPauseDuration();
            var optimizer = new Adam(net.Parameters(), 1e-3f);
            var (train, trainCpu) = MedianWithCpu(runs, () =>
            {
                optimizer.ZeroGrad();
                var y = net.Forward(x);
                (y * y).Mean().Backward();
                optimizer.Step();
            });

            var trainPause = (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds / (runs + 1);
            var convolutions = net.Convolutions(batch, height, width).ToList();
            var flops = convolutions.Sum(c => c.Geometry.ForwardFlops);
            var convSeconds = ConvolutionSeconds(convolutions, runs);
            Print(new Dictionary<string, object>
            {
                ["engine"] = "spinekit-neural",
                ["threads"] = Environment.ProcessorCount,
                ["batch"] = batch,
                ["height"] = height,
                ["width"] = width,
                ["infer_s"] = Math.Round(infer, 4),
                ["train_step_s"] = Math.Round(train, 4),
                ["infer_cpu_s"] = Math.Round(inferCpu, 4),
                ["train_step_cpu_s"] = Math.Round(trainCpu, 4),
                ["forward_gflop"] = Math.Round(flops / 1e9, 2),
                ["conv_forward_gflops"] = Math.Round(flops / convSeconds / 1e9, 1),
                ["infer_gflops"] = Math.Round(flops / infer / 1e9, 1),
                ["infer_gc_pause_ms"] = Math.Round(inferPause, 1),
                ["infer_gen2_per_run"] = Math.Round(inferGen2, 2),
                ["train_gc_pause_ms"] = Math.Round(trainPause, 1),
            });
        }

        using var process = Process.GetCurrentProcess();
        Print(new Dictionary<string, object>
        {
            ["engine"] = "spinekit-neural",
            ["peak_working_set_mb"] = Math.Round(process.PeakWorkingSet64 / 1048576.0, 1),
            ["gc_total_pause_ms"] = Math.Round(GC.GetTotalPauseDuration().TotalMilliseconds, 1),
        });
        return 0;
    }

    /// <summary>Median seconds of the network's convolution forwards run alone (kernel speed without the rest of the graph).</summary>
    private static double ConvolutionSeconds(List<(Conv2dGeometry Geometry, bool Transposed)> convolutions, int runs)
    {
        var random = new Random(2);
        var buffers = convolutions.Select(c => (
            Input: Tensor.RandomNormal(random, 1f, c.Geometry.InputLength).Data,
            Weight: Tensor.RandomNormal(random, 0.1f, c.Geometry.WeightLength).Data,
            Output: new float[c.Geometry.OutputLength])).ToList();
        return Median(runs, () =>
        {
            for (var i = 0; i < convolutions.Count; i++)
            {
                var (g, transposed) = convolutions[i];
                var (input, weight, output) = buffers[i];
                if (transposed)
                {
                    Convolution2d.BackwardInput(g, output, weight, input);
                }
                else
                {
                    Convolution2d.Forward(g, input, weight, [], output);
                }
            }
        });
    }

    private static double Median(int runs, Action action) => MedianWithCpu(runs, action).Wall;

    /// <summary>
    /// Median wall-clock seconds and median process CPU seconds of <paramref name="runs"/> calls after one
    /// warm-up. CPU time is the figure to trust when other jobs share the cores: it counts only our work.
    /// </summary>
    private static (double Wall, double Cpu) MedianWithCpu(int runs, Action action)
    {
        action();
        var wall = new double[runs];
        var cpu = new double[runs];
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            action();
            wall[i] = watch.Elapsed.TotalSeconds;
            process.Refresh();
            cpu[i] = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        }

        Array.Sort(wall);
        Array.Sort(cpu);
        return (wall[runs / 2], cpu[runs / 2]);
    }

    private static void Print(Dictionary<string, object> values) => Console.WriteLine(JsonSerializer.Serialize(values));
}
