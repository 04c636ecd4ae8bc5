using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SpineKit.TestSupport;

/// <summary>
/// A real Orthanc (Debian packages <c>orthanc</c> and <c>orthanc-dicomweb</c>) on a free loopback port, with a
/// throwaway configuration and storage folder, its DICOM port off. Missing packages fail the test with the command
/// that installs them.
/// </summary>
internal sealed class OrthancServer : IDisposable
{
    private const string Plugin = "/usr/share/orthanc/plugins/libOrthancDicomWeb.so";
    private readonly Process process;
    private readonly string folder;

    public OrthancServer()
    {
        if (!File.Exists(Plugin))
        {
            throw new InvalidOperationException($"Orthanc's DICOMweb plugin is not installed ({Plugin}): apt-get install -y orthanc orthanc-dicomweb (CI's .ci/run installs them).");
        }

        folder = Directory.CreateTempSubdirectory("spinekit-orthanc-").FullName;
        Port = FreePort();
        var storage = Directory.CreateDirectory(Path.Combine(folder, "db")).FullName;
        var config = Path.Combine(folder, "orthanc.json");
        File.WriteAllText(config, $$"""
            {
              "Name": "spinekit-test", "StorageDirectory": "{{storage}}", "IndexDirectory": "{{storage}}",
              "HttpPort": {{Port}}, "DicomServerEnabled": false, "RemoteAccessAllowed": false,
              "AuthenticationEnabled": false, "HttpBindAddress": "127.0.0.1",
              "Plugins": ["{{Plugin}}"], "DicomWeb": { "Enable": true, "Root": "/dicom-web/" }
            }
            """);
        var start = new ProcessStartInfo("Orthanc") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(config);
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Orthanc did not start");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("Orthanc is not installed: apt-get install -y orthanc orthanc-dicomweb (CI's .ci/run installs them).", exception);
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if (http.GetAsync(new Uri(Root, "system")).GetAwaiter().GetResult().StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }

            if (process.HasExited || DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"Orthanc did not answer on port {Port} (exited: {process.HasExited})");
            }

            Thread.Sleep(200);
        }
    }

    public int Port { get; }

    /// <summary>Orthanc's own REST root.</summary>
    public Uri Root => new($"http://127.0.0.1:{Port}/");

    /// <summary>The DICOMweb root.</summary>
    public Uri DicomWeb => new(Root, "dicom-web/");

    /// <summary>Stores a Part 10 file through Orthanc's REST API (not DICOMweb: the seeding must not use the code under test).</summary>
    public void Upload(byte[] file)
    {
        using var http = new HttpClient();
        using var response = http.PostAsync(new Uri(Root, "instances"), new ByteArrayContent(file)).GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Orthanc refused a seed instance: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
        }
    }

    /// <summary>A GET of Orthanc's REST API, as text.</summary>
    public string Get(string path)
    {
        using var http = new HttpClient();
        return http.GetStringAsync(new Uri(Root, path)).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(10_000);
        }

        process.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
