using System.Diagnostics;
using SpineKit.Neural;
using SpineKit.Neural.Layers;
using SpineKit.Neural.Optimization;

namespace SpineKit.Benchmarks;

/// <summary>
/// Times the anchor's training step (zero the gradients, forward, mean of squared logits, backward, Adam step) in
/// <c>runs</c> rounds after one warm-up, split into its phases, with the allocations and collector pauses of each
/// step. The steps reuse their buffers (<see cref="TrainingBuffers"/>, as a training loop would). With a PyTorch worker each round also times one PyTorch step right after the engine's, so both see the
/// same load, and the ratios are taken from the same rounds.
/// </summary>
internal static class TrainingStep
{
    public static Dictionary<string, object> Measure(UnaryModule net, Tensor x, int runs, TorchTrainingWorker? torch)
    {
        var optimizer = new Adam(net.Parameters(), 1e-3f);
        var buffers = new TrainingBuffers();
        var rounds = new List<Round>();
        var torchSeconds = new List<(double Wall, double Cpu)>();
        using var process = Process.GetCurrentProcess();
        for (var round = -1; round < runs; round++)
        {
            var gen2 = GC.CollectionCount(2);
            var pause = GC.GetTotalPauseDuration();
            var allocated = GC.GetTotalAllocatedBytes(precise: false);
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            double forward, backward;
            using (buffers.BeginStep())
            {
                optimizer.ZeroGrad();
                var y = net.Forward(x);
                var loss = (y * y).Mean();
                forward = watch.Elapsed.TotalSeconds;
                loss.Backward();
                backward = watch.Elapsed.TotalSeconds;
                optimizer.Step();
            }

            var total = watch.Elapsed.TotalSeconds;
            process.Refresh();
            var sample = new Round(
                total, (process.TotalProcessorTime - cpu).TotalSeconds, forward, backward - forward, total - backward,
                GC.GetTotalAllocatedBytes(precise: false) - allocated, (GC.GetTotalPauseDuration() - pause).TotalMilliseconds, GC.CollectionCount(2) - gen2);
            var torchStep = torch?.Step();
            if (round >= 0)
            {
                rounds.Add(sample);
                if (torchStep is { } seconds)
                {
                    torchSeconds.Add(seconds);
                }
            }
        }

        var step = Median(rounds.Select(r => r.Total));
        var values = new Dictionary<string, object>
        {
            ["train_step_s"] = Math.Round(step, 4),
            ["train_step_cpu_s"] = Math.Round(Median(rounds.Select(r => r.Cpu)), 4),
            ["train_forward_s"] = Math.Round(Median(rounds.Select(r => r.Forward)), 4),
            ["train_backward_s"] = Math.Round(Median(rounds.Select(r => r.Backward)), 4),
            ["train_optimizer_s"] = Math.Round(Median(rounds.Select(r => r.Optimizer)), 4),
            ["train_allocated_mb_per_step"] = Math.Round(Median(rounds.Select(r => r.AllocatedBytes / 1048576.0)), 1),
            ["train_gc_pause_ms"] = Math.Round(rounds.Average(r => r.PauseMilliseconds), 1),
            ["train_gen2_per_step"] = Math.Round(rounds.Average(r => r.Gen2), 2),
            ["train_pooled_mb"] = Math.Round(buffers.PooledBytes / 1048576.0, 1),
        };
        if (torch is not null)
        {
            var torchStep = Median(torchSeconds.Select(t => t.Wall));
            var torchCpu = Median(torchSeconds.Select(t => t.Cpu));
            values["torch_version"] = torch.Version;
            values["torch_train_step_s"] = Math.Round(torchStep, 4);
            values["torch_train_step_cpu_s"] = Math.Round(torchCpu, 4);
            values["train_over_torch"] = Math.Round(step / torchStep, 2);
            values["train_over_torch_per_round_median"] = Math.Round(Median(rounds.Select((r, i) => r.Total / torchSeconds[i].Wall)), 2);
            values["train_cpu_over_torch_cpu"] = Math.Round(Median(rounds.Select(r => r.Cpu)) / torchCpu, 2);
        }

        return values;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private sealed record Round(double Total, double Cpu, double Forward, double Backward, double Optimizer, long AllocatedBytes, double PauseMilliseconds, int Gen2);
}
