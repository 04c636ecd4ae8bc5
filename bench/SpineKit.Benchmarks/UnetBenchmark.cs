using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using SpineKit.Neural;
using SpineKit.Neural.Autograd;
using SpineKit.Neural.Inference;
using SpineKit.Neural.Kernels;
using SpineKit.Neural.Onnx;
using SpineKit.Neural.Optimization;

namespace SpineKit.Benchmarks;

/// <summary>
/// <c>unet [runs] [all|b1|b4] [both|train|infer] [torch]</c>: the engine's counterpart of ../shared/bench/torch_unet_anchor.py.
/// For batch 1 at 512x256 and batch 4 at 256x128 it prints the median seconds of inference three ways, timed in
/// alternating rounds so a busy machine slows all three alike: the layers' eager Forward (eval mode, no graph),
/// the fused inference path (<see cref="FusedNetwork"/>) and ONNX Runtime running the same network exported to
/// ONNX (the anchor of ../shared/bench/ort-unet16, all graph optimisations, as many threads as the engine), with
/// the ratios of the three and the fused path's allocations and gen2 collections per call. Then (unless
/// <c>infer</c>) one training step (forward, mean of squared logits, backward, Adam) in the anchor's JSON fields,
/// split into its phases (<see cref="TrainingStep"/>); with <c>torch</c> each round also runs one PyTorch step
/// (<see cref="TorchTrainingWorker"/>) and the engine/PyTorch ratio is printed. Last the GFLOP/s of the convolutions
/// alone and of the whole inference, then the process's peak working set (compare with the anchor's maximum resident set size).
/// </summary>
internal static class UnetBenchmark
{
    public static int Run(string[] args)
    {
        var runs = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var r) && r > 0 ? r : 7;
        var only = args.Length > 1 ? args[1] : "all";
        var mode = args.Length > 2 ? args[2] : "both";
        if (mode is not ("both" or "train" or "infer"))
        {
            Console.Error.WriteLine($"unet: the third argument is both, train or infer, not '{mode}'");
            return 2;
        }

        var withTorch = args.Length > 3 && args[3] == "torch";
        if (args.Length > 3 && !withTorch)
        {
            Console.Error.WriteLine($"unet: the fourth argument can only be 'torch', not '{args[3]}'");
            return 2;
        }

        var withTraining = mode != "infer";
        foreach (var (batch, height, width) in new[] { (1, 512, 256), (4, 256, 128) })
        {
            if (only != "all" && only != $"b{batch}")
            {
                continue;
            }

            var random = new Random(0);
            var net = new UNet16(random);
            var x = Tensor.RandomNormal(random, 1f, batch, 1, height, width);
            var values = new Dictionary<string, object>
            {
                ["engine"] = "spinekit-neural",
                ["threads"] = Environment.ProcessorCount,
                ["batch"] = batch,
                ["height"] = height,
                ["width"] = width,
            };

            double? infer = null;
            if (mode != "train")
            {
                net.Eval();
                var inference = CompareInference(net, x, runs);
                infer = inference.Eager.Wall;
                values["infer_s"] = Math.Round(inference.Eager.Wall, 4);
                values["fused_infer_s"] = Math.Round(inference.Fused.Wall, 4);
                values["ort_infer_s"] = Math.Round(inference.Ort.Wall, 4);
                values["eager_over_ort"] = Math.Round(inference.Eager.Wall / inference.Ort.Wall, 2);
                values["fused_over_ort"] = Math.Round(inference.Fused.Wall / inference.Ort.Wall, 2);
                values["eager_over_fused"] = Math.Round(inference.Eager.Wall / inference.Fused.Wall, 2);
                values["fused_max_rel_diff"] = inference.FusedDifference;
                values["ort_max_rel_diff"] = inference.OrtDifference;
                values["ort_version"] = OrtEnv.Instance().GetVersionString();
                values["infer_cpu_s"] = Math.Round(inference.Eager.Cpu, 4);
                values["fused_infer_cpu_s"] = Math.Round(inference.Fused.Cpu, 4);
                values["ort_infer_cpu_s"] = Math.Round(inference.Ort.Cpu, 4);
                values["infer_gc_pause_ms"] = Math.Round(inference.EagerPauseMilliseconds, 1);
                values["infer_gen2_per_run"] = Math.Round(inference.EagerGen2, 2);
                values["fused_gen2_per_run"] = Math.Round(inference.FusedGen2, 2);
                values["fused_alone_gen2_per_run"] = Math.Round(inference.FusedAloneGen2, 2);
                values["fused_allocated_kb_per_run"] = Math.Round(inference.FusedAllocatedBytes / 1024.0, 1);
            }

            if (withTraining)
            {
                net.Train();
                using var torch = withTorch ? TorchTrainingWorker.Start(batch, height, width) : null;
                foreach (var (key, value) in TrainingStep.Measure(net, x, runs, torch))
                {
                    values[key] = value;
                }
            }

            var convolutions = net.Convolutions(batch, height, width).ToList();
            var flops = convolutions.Sum(c => c.Geometry.ForwardFlops);
            var convSeconds = ConvolutionSeconds(convolutions, runs);
            values["forward_gflop"] = Math.Round(flops / 1e9, 2);
            values["conv_forward_gflops"] = Math.Round(flops / convSeconds / 1e9, 1);
            if (infer is { } inferSeconds)
            {
                values["infer_gflops"] = Math.Round(flops / inferSeconds / 1e9, 1);
            }

            Print(values);
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

    /// <summary>
    /// Times eager, fused and ONNX Runtime inference in alternating rounds (one warm-up call each first) and checks
    /// that the three agree; gen2 collections and allocations are counted around the eager and the fused calls alone.
    /// </summary>
    private static InferenceComparison CompareInference(UNet16 net, Tensor x, int runs)
    {
        var fused = FusedNetwork.Compile(net, 1);
        var graph = new OnnxGraphBuilder("UNet16", net);
        graph.AddOutput(net.ExportOnnx(graph, graph.AddInput("x", 1)), "y", 68);
        var model = graph.ToModelBytes(new Dictionary<string, string>(), "UNet16 (bench/SpineKit.Benchmarks/UNet16.cs)", "benchmark");
        using var options = new SessionOptions
        {
            IntraOpNumThreads = Environment.ProcessorCount,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        using var session = new InferenceSession(model, options);
        using var ortInput = OrtValue.CreateTensorValueFromMemory(x.Data, x.Shape.Select(d => (long)d).ToArray());
        using var runOptions = new RunOptions();
        string[] inputNames = ["x"], outputNames = ["y"];
        OrtValue[] ortInputs = [ortInput];

        Tensor eagerOutput;
        using (GradMode.NoGrad())
        {
            eagerOutput = net.Forward(x);
        }

        var fusedOutput = new float[eagerOutput.Length];
        fused.Run(x, fusedOutput);
        float[] ortOutput;
        using (var outputs = session.Run(runOptions, inputNames, ortInputs, outputNames))
        {
            ortOutput = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }

        var eager = new List<(double Wall, double Cpu)>();
        var fast = new List<(double Wall, double Cpu)>();
        var ort = new List<(double Wall, double Cpu)>();
        int eagerGen2 = 0, fusedGen2 = 0;
        var eagerPause = TimeSpan.Zero;
        long fusedAllocated = 0;
        for (var round = 0; round < runs; round++)
        {
            var gen2 = GC.CollectionCount(2);
            var pause = GC.GetTotalPauseDuration();
            eager.Add(Timed(() =>
            {
                using (GradMode.NoGrad())
                {
                    net.Forward(x);
                }
            }));
            eagerGen2 += GC.CollectionCount(2) - gen2;
            eagerPause += GC.GetTotalPauseDuration() - pause;

            gen2 = GC.CollectionCount(2);
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            fast.Add(Timed(() => fused.Run(x, fusedOutput)));
            fusedAllocated += GC.GetTotalAllocatedBytes(precise: true) - allocated;
            fusedGen2 += GC.CollectionCount(2) - gen2;

            ort.Add(Timed(() =>
            {
                using var outputs = session.Run(runOptions, inputNames, ortInputs, outputNames);
            }));
        }

        // The alternating rounds leave the eager path's garbage for the collector; the fused path alone, after a
        // full collection, shows what it costs the collector itself.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var aloneGen2 = GC.CollectionCount(2);
        for (var round = 0; round < runs; round++)
        {
            fused.Run(x, fusedOutput);
        }

        aloneGen2 = GC.CollectionCount(2) - aloneGen2;
        return new InferenceComparison(
            MedianOf(eager), MedianOf(fast), MedianOf(ort),
            eagerGen2 / (double)runs, eagerPause.TotalMilliseconds / runs, fusedGen2 / (double)runs, aloneGen2 / (double)runs, fusedAllocated / runs,
            RelativeDifference(fusedOutput, eagerOutput.Data), RelativeDifference(ortOutput, eagerOutput.Data));
    }

    private static (double Wall, double Cpu) Timed(Action action)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        action();
        var wall = watch.Elapsed.TotalSeconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
    }

    private static (double Wall, double Cpu) MedianOf(List<(double Wall, double Cpu)> samples)
    {
        var wall = samples.Select(s => s.Wall).Order().ToList();
        var cpu = samples.Select(s => s.Cpu).Order().ToList();
        return (wall[wall.Count / 2], cpu[cpu.Count / 2]);
    }

    /// <summary>Largest absolute difference over the largest absolute reference value.</summary>
    private static double RelativeDifference(float[] actual, float[] expected)
    {
        double worst = 0, scale = 1e-30;
        for (var i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]));
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }

        return worst / scale;
    }

    private sealed record InferenceComparison(
        (double Wall, double Cpu) Eager, (double Wall, double Cpu) Fused, (double Wall, double Cpu) Ort,
        double EagerGen2, double EagerPauseMilliseconds, double FusedGen2, double FusedAloneGen2, long FusedAllocatedBytes, double FusedDifference, double OrtDifference);

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
