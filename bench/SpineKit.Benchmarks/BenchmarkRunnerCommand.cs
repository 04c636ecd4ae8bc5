namespace SpineKit.Benchmarks;

/// <summary>
/// Dispatches <c>dotnet run -c Release --project bench/SpineKit.Benchmarks -- NAME [ARGS]</c> to one benchmark.
/// Each benchmark prints machine-readable JSON lines so figures can be compared across runs.
/// </summary>
internal static class BenchmarkRunnerCommand
{
    private static readonly Dictionary<string, (string Usage, Func<string[], int> Run)> Benchmarks = new(StringComparer.Ordinal)
    {
        ["analyze"] = (AnalyzeBenchmark.Usage, AnalyzeBenchmark.Run),
        ["anatomy"] = (AnatomyBenchmark.Usage, AnatomyBenchmark.Run),
        ["containers"] = (ContainerDecodeBenchmark.Usage, ContainerDecodeBenchmark.Run),
        ["jpeg"] = (JpegDecodeBenchmark.Usage, JpegDecodeBenchmark.Run),
        ["kernels"] = ("[runs] [all|sgemm|conv|LAYER] [threads] [path]  SGEMM and UNet16 convolution GFLOP/s", KernelsBenchmark.Run),
        ["level-variants"] = (LevelVariantsBenchmark.Usage, LevelVariantsBenchmark.Run),
        ["refiner-variants"] = (RefinerVariantsBenchmark.Usage, RefinerVariantsBenchmark.Run),
        ["segment"] = (SegmentBenchmark.Usage, SegmentBenchmark.Run),
        ["segment-guided"] = (GuidedSegmentBenchmark.Usage, GuidedSegmentBenchmark.Run),
        ["segmentation-curves"] = (SegmentationCurvesChart.Usage, SegmentationCurvesChart.Run),
        ["serve-load"] = (ServeLoadBenchmark.Usage, ServeLoadBenchmark.Run),
        ["transforms"] = (TransformsBenchmark.Usage, TransformsBenchmark.Run),
        ["unet"] = ("[runs] [all|b1|b4] [both|train|infer] [torch]  UNet16 inference (eager, fused, ONNX Runtime) and training step (torch: alternating with PyTorch)", UnetBenchmark.Run),
    };

    public static int Run(string[] args)
    {
        if (args.Length == 0 || !Benchmarks.TryGetValue(args[0], out var benchmark))
        {
            Console.Error.WriteLine("usage: SpineKit.Benchmarks <benchmark> [args]");
            foreach (var (name, entry) in Benchmarks)
            {
                Console.Error.WriteLine($"  {name,-8} {entry.Usage}");
            }

            return args.Length == 0 ? 2 : 2;
        }

        return benchmark.Run(args[1..]);
    }
}
