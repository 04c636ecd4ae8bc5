using System.Diagnostics;
using System.Globalization;

namespace SpineKit.Benchmarks;

/// <summary>
/// A PyTorch process (Debian's /usr/bin/python3 with python3-torch) running bench/scripts/torch_unet_train.py: UNet16
/// from ../shared/bench/torch_unet_anchor.py, one training step per <see cref="Step"/>, timed inside PyTorch's
/// process so that pipe latency is not counted. Missing Python, PyTorch or the anchor is an error that says what to install.
/// </summary>
internal sealed class TorchTrainingWorker : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly Process _process;

    private TorchTrainingWorker(Process process, string version)
    {
        _process = process;
        Version = version;
    }

    /// <summary>PyTorch's version string, as the anchor prints it.</summary>
    public string Version { get; }

    public static TorchTrainingWorker Start(int batch, int height, int width)
    {
        var root = RepositoryRoot();
        var shared = Environment.GetEnvironmentVariable("SPINEKIT_SHARED") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Path.Combine(Path.GetDirectoryName(root)!, "shared");
        var anchor = Path.Combine(shared, "bench", "torch_unet_anchor.py");
        if (!File.Exists(anchor))
        {
            throw new FileNotFoundException($"The PyTorch anchor is missing: {anchor} (set SPINEKIT_SHARED to the shared folder).", anchor);
        }

        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing: the PyTorch comparison needs Debian's Python with python3-torch (apt-get install -y python3-torch).");
        }

        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(root, "bench", "scripts", "torch_unet_train.py"), anchor, Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), batch.ToString(CultureInfo.InvariantCulture), height.ToString(CultureInfo.InvariantCulture), width.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Python} did not start.");
        var ready = process.StandardOutput.ReadLine();
        if (ready is null || !ready.StartsWith("ready ", StringComparison.Ordinal))
        {
            process.WaitForExit();
            process.Dispose();
            throw new InvalidOperationException($"The PyTorch worker did not start (exit code {process.ExitCode}); is python3-torch installed (apt-get install -y python3-torch)?");
        }

        return new TorchTrainingWorker(process, ready.Split(' ')[1]);
    }

    /// <summary>Runs one PyTorch training step and returns its wall-clock and process CPU seconds.</summary>
    public (double Wall, double Cpu) Step()
    {
        _process.StandardInput.WriteLine("step");
        _process.StandardInput.Flush();
        var line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The PyTorch worker exited in the middle of the run.");
        var fields = line.Split(' ');
        return (double.Parse(fields[0], CultureInfo.InvariantCulture), double.Parse(fields[1], CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        _process.StandardInput.Close();
        _process.WaitForExit();
        _process.Dispose();
    }

    /// <summary>The checkout holding SpineKit.sln, found upwards from the benchmark's binaries.</summary>
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SpineKit.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"SpineKit.sln was not found above {AppContext.BaseDirectory}; run the benchmark from its checkout.");
    }
}
