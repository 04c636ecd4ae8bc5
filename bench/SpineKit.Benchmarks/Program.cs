using SpineKit.Benchmarks;

return BenchmarkRunnerCommand.Run(args);
