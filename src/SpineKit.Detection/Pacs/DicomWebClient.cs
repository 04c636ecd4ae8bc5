using System.Net;
using System.Net.Http.Headers;

namespace SpineKit.Detection.Pacs;

/// <summary>
/// A DICOMweb client (PS3.18): QIDO-RS to search instances, WADO-RS to retrieve one (asking for explicit VR
/// little endian so the server transcodes what SpineKit cannot decode), STOW-RS to store files into a study.
/// Server errors (5xx, 408, 429), timeouts and refused connections are retried with exponential backoff;
/// other errors fail at once. TLS certificates are verified (the platform default; there is no switch to turn it off).
/// </summary>
public sealed class DicomWebClient : IDisposable
{
    private const string ExplicitVrLittleEndian = "1.2.840.10008.1.2.1";
    private readonly HttpClient http;
    private readonly Uri root;
    private readonly int attempts;
    private readonly TimeSpan firstDelay;

    /// <summary>Creates a client for the DICOMweb root <paramref name="baseUrl"/> (for Orthanc, <c>http://host:8042/dicom-web/</c>).</summary>
    /// <param name="baseUrl">The service root; a trailing slash is added when missing.</param>
    /// <param name="authorization">Basic or bearer credentials sent with every request, or null.</param>
    /// <param name="timeout">How long one request may take.</param>
    /// <param name="attempts">Tries per request (at least 1).</param>
    /// <param name="firstDelay">The wait before the first retry; doubled before each further one.</param>
    /// <param name="handler">The message handler (tests); null for the platform's, which verifies TLS.</param>
    public DicomWebClient(Uri baseUrl, AuthenticationHeaderValue? authorization = null, TimeSpan? timeout = null, int attempts = 4, TimeSpan? firstDelay = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (baseUrl.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"a DICOMweb URL is http or https, not '{baseUrl.Scheme}'.", nameof(baseUrl));
        }

        root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        http = handler is null ? new HttpClient() : new HttpClient(handler);
        http.Timeout = timeout ?? TimeSpan.FromSeconds(60);
        http.DefaultRequestHeaders.Authorization = authorization;
        this.attempts = Math.Max(1, attempts);
        this.firstDelay = firstDelay ?? TimeSpan.FromMilliseconds(500);
    }

    /// <summary>QIDO-RS <c>GET instances?...</c> with the given matching keys (a key may repeat: several values are several searches merged).</summary>
    public async Task<IReadOnlyList<DicomWebInstance>> SearchInstancesAsync(IEnumerable<KeyValuePair<string, string>> query, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var uri = new Uri(root, "instances" + (text.Length > 0 ? "?" + text : string.Empty));
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.ParseAdd("application/dicom+json");
            return request;
        }, "search", cancellation).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NoContent
            ? []
            : DicomWebInstance.ParseSearch(await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false));
    }

    /// <summary>WADO-RS: the instance's Part 10 bytes, transcoded by the server to explicit VR little endian when it can.</summary>
    public async Task<byte[]> RetrieveInstanceAsync(DicomWebInstance instance, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var uri = new Uri(root, $"studies/{instance.StudyInstanceUid}/series/{instance.SeriesInstanceUid}/instances/{instance.SopInstanceUid}");
        foreach (var syntax in new[] { ExplicitVrLittleEndian, "*" })
        {
            using var response = await SendAsync(() =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.TryAddWithoutValidation("Accept", $"multipart/related; type=\"application/dicom\"; transfer-syntax={syntax}");
                return request;
            }, "retrieve", cancellation, allowNotAcceptable: syntax != "*").ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotAcceptable)
            {
                // The server cannot transcode: take the stored syntax and let the decoder say whether it reads it.
                continue;
            }

            var boundary = response.Content.Headers.ContentType?.Parameters.FirstOrDefault(p => p.Name.Equals("boundary", StringComparison.OrdinalIgnoreCase))?.Value?.Trim('"')
                ?? throw new DicomWebException("the WADO-RS answer is not multipart/related (no boundary)");
            var body = await response.Content.ReadAsByteArrayAsync(cancellation).ConfigureAwait(false);
            return MultipartRelated.Parse(body, boundary)[0];
        }

        throw new DicomWebException("the server refused every transfer syntax for this instance", (int)HttpStatusCode.NotAcceptable);
    }

    /// <summary>STOW-RS <c>POST studies/{study}</c> of Part 10 files; a failure of any instance is an error.</summary>
    public async Task StoreAsync(string studyInstanceUid, IReadOnlyList<byte[]> files, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var (body, boundary) = MultipartRelated.Build(files);
        var uri = new Uri(root, $"studies/{studyInstanceUid}");
        using var response = await SendAsync(() =>
        {
            var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/related; type=\"application/dicom\"; boundary={boundary}");
            var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
            request.Headers.Accept.ParseAdd("application/dicom+json");
            return request;
        }, "store", cancellation).ConfigureAwait(false);

        // 202 means some instances were refused or stored with warnings; the answer's Failed SOP Sequence (0008,1198) names them.
        var answer = await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false);
        if (answer.Contains("\"00081198\"", StringComparison.Ordinal) && answer.Contains("\"00081197\"", StringComparison.Ordinal))
        {
            throw new DicomWebException("the server refused some of the stored instances (Failed SOP Sequence)", (int)response.StatusCode);
        }
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, string what, CancellationToken cancellation, bool allowNotAcceptable = false)
    {
        var delay = firstDelay;
        for (var attempt = 1; ; attempt++)
        {
            string reason;
            int? status = null;
            try
            {
                using var request = create();
                var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellation).ConfigureAwait(false);
                if (response.IsSuccessStatusCode || (allowNotAcceptable && response.StatusCode == HttpStatusCode.NotAcceptable))
                {
                    return response;
                }

                status = (int)response.StatusCode;
                reason = $"HTTP {status} {response.ReasonPhrase}";
                response.Dispose();
                if (status is < 500 and not 408 and not 429)
                {
                    throw new DicomWebException($"DICOMweb {what} failed: {reason}", status);
                }
            }
            catch (HttpRequestException exception)
            {
                reason = exception.Message;
                if (attempt >= attempts)
                {
                    throw new DicomWebException($"DICOMweb {what} failed after {attempt} tries: {reason}", null, exception);
                }
            }
            catch (TaskCanceledException exception) when (!cancellation.IsCancellationRequested)
            {
                reason = $"no answer within {http.Timeout.TotalSeconds:0} s";
                if (attempt >= attempts)
                {
                    throw new DicomWebException($"DICOMweb {what} failed after {attempt} tries: {reason}", null, exception);
                }
            }

            if (attempt >= attempts)
            {
                throw new DicomWebException($"DICOMweb {what} failed after {attempt} tries: {reason}", status);
            }

            await Task.Delay(delay, cancellation).ConfigureAwait(false);
            delay *= 2;
        }
    }
}
