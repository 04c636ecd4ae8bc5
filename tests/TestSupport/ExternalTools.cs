using System.Diagnostics;

namespace SpineKit.TestSupport;

/// <summary>
/// Runs an independent oracle program (dcmtk, dicom3tools, pngcheck, Debian's python3 with pypng) on files our code
/// wrote. A missing program fails the test with the package to install: these checks must not pass by being skipped.
/// </summary>
internal static class ExternalTools
{
    /// <summary>Runs <paramref name="tool"/> with <paramref name="arguments"/>; returns its exit code, standard output and standard error.</summary>
    /// <param name="kind">What the tool is, for the message when it is missing ("DICOM oracle").</param>
    /// <param name="package">The Debian package that installs it.</param>
    /// <param name="tool">The program.</param>
    /// <param name="arguments">Its arguments, passed as they are (no shell).</param>
    public static (int ExitCode, string Output, string Error) Run(string kind, string package, string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException($"The {kind} '{tool}' is not installed: apt-get install -y {package} (CI's .ci/run installs it).", exception);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} ran for more than a minute.");
            }

            return (process.ExitCode, output.Result, error.Result);
        }
    }
}
