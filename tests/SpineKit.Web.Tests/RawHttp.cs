using System.Net.Sockets;
using System.Text;

namespace SpineKit.Web.Tests;

/// <summary>Requests written byte for byte (HttpClient merges repeated headers and fixes Host), answered with the status line's code.</summary>
internal static class RawHttp
{
    public static async Task<(int Status, string Response)> SendAsync(Uri server, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.Latin1);
        var text = await reader.ReadToEndAsync();
        var status = text.Split(' ', 3) is [_, var code, ..] && int.TryParse(code, out var parsed) ? parsed : -1;
        return (status, text);
    }
}
