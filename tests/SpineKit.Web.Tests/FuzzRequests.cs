using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using SpineKit.Imaging;
using SpineKit.Imaging.Formats.Png;

namespace SpineKit.Web.Tests;

/// <summary>
/// Hostile requests made from one seed: random methods, paths and headers, mutated multipart uploads and
/// JSON bodies, hints with NaN, huge and duplicate values, and uploads cut off on the wire. Every case is
/// either an <see cref="HttpRequestMessage"/> or raw bytes for a socket (for what HttpClient will not send).
/// </summary>
internal sealed class FuzzRequests
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "FOO"];
    private static readonly string[] Levels = ["T1", "T4", "T8", "T12", "L1", "L3", "L5", "C7", "S1", "t8", "", "T8\u0000", "L2 "];
    private static readonly string[] CornerNames = ["tl", "tr", "bl", "br", "TL", "x", ""];
    private static readonly string[] Numbers = ["NaN", "Infinity", "-Infinity", "1e309", "-1e309", "1e308", "-0", "0", "300.5", "700", "1e-320", "\"12\"", "null", "true", "[]", "{}", "12345678901234567890123456789"];

    private readonly Random _random;
    private readonly Uri _server;
    private readonly string _liveId;
    private readonly string _victimId;
    private readonly byte[] _sample;
    private readonly byte[] _smallPng;
    private readonly byte[] _hugeHeaderPng;

    public FuzzRequests(int seed, Uri server, string liveId, string victimId, byte[] sample)
    {
        _random = new Random(seed);
        _server = server;
        _liveId = liveId;
        _victimId = victimId;
        _sample = sample;
        var small = new Image<byte>(48, 96);
        for (var i = 0; i < small.Pixels.Length; i++)
        {
            small.Pixels[i] = (byte)_random.Next(256);
        }

        _smallPng = PngEncoder.Encode(small);

        // A valid PNG start whose header claims 60000 x 60000: refused from the header, never decoded.
        _hugeHeaderPng = (byte[])_smallPng.Clone();
        WriteBigEndian(_hugeHeaderPng, 16, 60000);
        WriteBigEndian(_hugeHeaderPng, 20, 60000);
    }

    /// <summary>One case; <c>Raw</c> is set for socket cases, <c>Http</c> otherwise.</summary>
    public (string Kind, HttpRequestMessage? Http, byte[]? Raw) Next() => _random.Next(100) switch
    {
        < 24 => ("refine", Refine(), null),
        < 32 => ("measure", Measure(), null),
        < 48 => ("analyze", Analyze(), null),
        < 63 => ("export", Export(), null),
        < 78 => ("random", RandomRequest(), null),
        < 88 => ("headers", WithHostileHeaders(), null),
        _ => ("raw", null, Raw()),
    };

    private HttpRequestMessage Refine()
    {
        var id = Pick(_liveId, _liveId, _victimId, "0123456789abcdef0123456789abcdef", "", "../../etc", new string('a', 5000));
        var body = RefineJson(id);
        var bytes = Encoding.UTF8.GetBytes(body);
        if (_random.Next(4) == 0)
        {
            bytes = Mutate(bytes);
        }

        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", Pick("application/json", "application/json; charset=utf-16", "text/plain", "multipart/form-data; boundary=x", "application/json; charset=\"", string.Empty));
        return new HttpRequestMessage(HttpMethod.Post, "/api/refine") { Content = content };
    }

    /// <summary>
    /// A document for the session-free measurement: half of them well formed (distinct levels, corners on the film), so
    /// the measuring code runs too; the rest with levels, corners, sizes and views from the hostile lists, some mutated.
    /// </summary>
    private HttpRequestMessage Measure()
    {
        var clean = _random.Next(2) == 0;
        string Coordinate(int low, int high) => clean ? _random.Next(low, high).ToString(CultureInfo.InvariantCulture) : Pick(Number(), low.ToString(CultureInfo.InvariantCulture));
        var count = clean ? _random.Next(1, 6) : _random.Next(8) switch { 0 => 0, 1 => 200, _ => _random.Next(1, 4) };
        var vertebrae = Enumerable.Range(0, count).Select(i =>
        {
            var corners = string.Join(", ", CornerNames.Take(4).Select(c => $"\"{(clean ? c : Pick(c, c, c, Pick(CornerNames)))}\": {{\"x\": {Coordinate(50, 350)}, \"y\": {Coordinate(100 * i, (100 * i) + 90)}}}"));
            var level = clean ? new[] { "L1", "L2", "L3", "L4", "L5", "S1" }[i] : Pick(Levels);
            return $"{{\"level\": \"{level}\", \"corners\": {{{corners}}}}}";
        });
        var body = $"{{\"schema\": \"{(clean ? "spinekit.analysis/1" : Pick("spinekit.analysis/1", "spinekit.analysis/2", ""))}\", \"view\": \"{(clean ? Pick("ap", "lateral") : Pick("ap", "lateral", "oblique", ""))}\", "
            + $"\"facing\": \"{(clean ? Pick("right", "left") : Pick("right", "left", "up"))}\", "
            + $"\"image\": {{\"file\": \"x.png\", \"width\": {(clean ? "400" : Pick(Number(), "400", "0", "-5"))}, \"height\": {(clean ? "900" : Pick(Number(), "900", "100000000"))}}}, \"vertebrae\": [{string.Join(", ", vertebrae)}]}}";
        var bytes = Encoding.UTF8.GetBytes(body);
        if (!clean && _random.Next(3) == 0)
        {
            bytes = Mutate(bytes);
        }

        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", Pick("application/json", "text/plain", string.Empty));
        return new HttpRequestMessage(HttpMethod.Post, "/api/measure") { Content = content };
    }

    private string RefineJson(string id)
    {
        var hints = new List<string>();
        var count = _random.Next(10) switch { 0 => 0, 1 => 600, 2 => 68, _ => _random.Next(1, 6) };
        var (px, py) = (Number(), Number());
        for (var i = 0; i < count; i++)
        {
            // Some lists put every corner on one point, some repeat one corner, most are scattered.
            var samePoint = count == 68 || _random.Next(3) == 0;
            var x = samePoint ? px : Number();
            var y = samePoint ? py : Number();
            hints.Add($"{{\"level\": \"{Pick(Levels)}\", \"corner\": \"{Pick(CornerNames)}\", \"x\": {x}, \"y\": {y}{(_random.Next(8) == 0 ? ", \"x\": 1" : string.Empty)}}}");
        }

        var list = _random.Next(12) == 0 ? new string('[', 200) : $"[{string.Join(", ", hints)}]";
        return _random.Next(10) switch
        {
            0 => $"{{\"hints\": {list}}}",
            1 => $"{{\"id\": {id.Length}, \"hints\": {list}}}",
            2 => $"[{{\"id\": \"{id}\"}}]",
            _ => $"{{\"id\": \"{id}\", \"hints\": {list}}}",
        };
    }

    private string Number() => _random.Next(3) == 0
        ? Pick(Numbers)
        : (_random.NextDouble() * 2400).ToString("0.##", CultureInfo.InvariantCulture);

    private HttpRequestMessage Analyze()
    {
        var file = _random.Next(9) switch
        {
            0 => _sample,
            1 or 2 => _sample.AsSpan(0, _random.Next(1, _sample.Length)).ToArray(),
            3 => _smallPng,
            4 => _hugeHeaderPng,
            5 => Mutate((byte[])_sample.Clone()),
            6 => Mutate((byte[])_smallPng.Clone()),
            7 => [],
            _ => RandomBytes(_random.Next(1, 4000)),
        };

        var boundary = Pick("spinekit-fuzz", "x", new string('b', 80), "a b", "\"quoted\"");
        var name = Pick("file", "file", "File", "other", string.Empty);
        var fileName = Pick("a.jpg", "../../x.png", "C:\\path\\scan.dcm", "name,with,commas.jpg", "\u202Egpj.exe", new string('n', 3000), "\r\nX-Evil: 1", string.Empty);
        using var body = new MemoryStream();
        void Write(string text) => body.Write(Encoding.UTF8.GetBytes(text));
        for (var extra = _random.Next(20) == 0 ? 20 : 0; extra > 0; extra--)
        {
            Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"v{extra}\"\r\n\r\nvalue\r\n");
        }

        Write($"--{boundary}\r\n");
        if (_random.Next(10) != 0)
        {
            Write($"Content-Disposition: form-data; name=\"{name}\"; filename=\"{fileName}\"\r\n");
        }

        Write("Content-Type: application/octet-stream\r\n\r\n");
        body.Write(file);
        Write($"\r\n--{boundary}--\r\n");
        var bytes = body.ToArray();
        bytes = _random.Next(6) switch
        {
            0 => bytes.AsSpan(0, _random.Next(bytes.Length)).ToArray(),
            1 => MutateHead(bytes),
            _ => bytes,
        };

        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", _random.Next(5) switch
        {
            0 => Pick("multipart/form-data", "multipart/form-data; boundary=", "multipart/mixed; boundary=" + boundary, "application/json", "multipart/form-data; boundary=\"unterminated"),
            _ => $"multipart/form-data; boundary={boundary}",
        });
        return new HttpRequestMessage(HttpMethod.Post, "/api/analyze") { Content = content };
    }

    private HttpRequestMessage Export()
    {
        var id = Pick(_liveId, _victimId, "0123456789abcdef0123456789abcdef", "%00", "..", "%2e%2e", new string('f', 2000), "\u00e9");
        var file = Pick("image.png", "overlay.png", "analysis.json", "filenames.csv", "landmarks.csv", "angles.csv", "nothing", string.Empty);
        var method = id == _liveId && _random.Next(3) == 0 ? HttpMethod.Delete : new HttpMethod(Pick("GET", "GET", "HEAD", "DELETE", "POST"));
        if (method == HttpMethod.Delete && id == _liveId)
        {
            // The live session must survive the run; deleting it would be the client's own choice, not a failure.
            id = _victimId;
        }

        return new HttpRequestMessage(method, $"/api/sessions/{Uri.EscapeDataString(id)}/{file}?q={_random.Next()}".Replace("//", "/", StringComparison.Ordinal));
    }

    private HttpRequestMessage RandomRequest()
    {
        var segments = Enumerable.Range(0, _random.Next(1, 6)).Select(_ => Pick("api", "sessions", "refine", "analyze", _liveId, "..", "%2e%2e", "%00", "image.png", "~", "%ff%fe", new string('z', 300), "a;b", "index.html"));
        var request = new HttpRequestMessage(new HttpMethod(Pick(Methods)), "/" + string.Join('/', segments));
        if (_random.Next(2) == 0)
        {
            request.Content = new ByteArrayContent(RandomBytes(_random.Next(0, 3000)));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", Pick("application/json", "multipart/form-data; boundary=q", "text/html", "\u0001"));
        }

        return request;
    }

    private HttpRequestMessage WithHostileHeaders()
    {
        var request = _random.Next(3) switch { 0 => Refine(), 1 => Export(), _ => new HttpRequestMessage(HttpMethod.Get, "/") };
        var own = $"http://127.0.0.1:{_server.Port}";
        switch (_random.Next(6))
        {
            case 0:
                request.Headers.Host = Pick("evil.example", $"evil.example:{_server.Port}", "localhost.", "127.0.0.1.nip.io", "[::2]", "LOCALHOST");
                break;
            case 1:
                request.Headers.TryAddWithoutValidation("Origin", Pick("null", "http://evil.example", own, $"{own}, http://evil.example", "file://", "http://[bad", own.ToUpperInvariant()));
                break;
            case 2:
                request.Headers.TryAddWithoutValidation("Origin", [own, "http://evil.example"]);
                break;
            case 3:
                request.Headers.TryAddWithoutValidation("Range", Pick("bytes=0-10", "bytes=-5", "bytes=9999999-", "bytes=a-b"));
                request.Headers.TryAddWithoutValidation("If-None-Match", "*");
                break;
            case 4:
                request.Headers.TryAddWithoutValidation("Accept", new string('x', 6000));
                request.Headers.TryAddWithoutValidation("Cookie", "id=" + _liveId);
                break;
            default:
                request.Headers.TryAddWithoutValidation("Transfer-Encoding", "chunked");
                break;
        }

        return request;
    }

    private byte[] Raw()
    {
        var host = $"127.0.0.1:{_server.Port}";
        var sampleStart = Encoding.Latin1.GetString(_sample, 0, Math.Min(_sample.Length, _random.Next(100, 4000)));
        var multipart = $"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\n{sampleStart}";
        var text = _random.Next(7) switch
        {
            // Declares more than it sends: the upload is cut off on the wire.
            0 => $"POST /api/analyze HTTP/1.1\r\nHost: {host}\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: {multipart.Length + 5000}\r\n\r\n{multipart}",
            1 => $"POST /api/refine HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{{\"id\": \"{_liveId}\", \"hints\": [",
            2 => $"POST /api/analyze HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\nContent-Type: multipart/form-data; boundary=b\r\n\r\n10\r\n{multipart[..Math.Min(16, multipart.Length)]}\r\nZZ\r\n",
            3 => $"GET /api/sessions/{_liveId}/image.png HTTP/1.1\r\nHost: {host}\r\nHost: evil.example\r\n\r\n",
            4 => $"GET / HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\nOrigin: http://evil.example\r\n\r\n",
            5 => $"{Pick(Methods)} /{new string('a', _random.Next(1, 9000))} HTTP/1.1\r\nHost: {host}\r\n\r\n",
            _ => Encoding.Latin1.GetString(RandomBytes(_random.Next(1, 600))),
        };
        return Encoding.Latin1.GetBytes(text);
    }

    private byte[] Mutate(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }

        for (var i = _random.Next(1, 8); i > 0; i--)
        {
            bytes[_random.Next(bytes.Length)] = Pick<byte>(0x00, 0xFF, 0xC0, 0xBF, (byte)'"', (byte)'{', (byte)']', (byte)'\\', (byte)_random.Next(256));
        }

        return bytes;
    }

    // Damage only the first bytes: the boundary line and the part headers.
    private byte[] MutateHead(byte[] bytes)
    {
        for (var i = _random.Next(1, 6); i > 0; i--)
        {
            bytes[_random.Next(Math.Min(bytes.Length, 160))] = (byte)_random.Next(256);
        }

        return bytes;
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(params T[] choices) => choices[_random.Next(choices.Length)];

    private static void WriteBigEndian(byte[] bytes, int offset, int value)
    {
        bytes[offset] = (byte)(value >> 24);
        bytes[offset + 1] = (byte)(value >> 16);
        bytes[offset + 2] = (byte)(value >> 8);
        bytes[offset + 3] = (byte)value;
    }
}
