using System.Net.Http.Headers;
using System.Text;

namespace SpineKit.Cli;

/// <summary>
/// The PACS credentials, never from the command line (it shows in process lists and shell history): a bearer token
/// from <c>SPINEKIT_PACS_TOKEN</c>, or a user and password from <c>SPINEKIT_PACS_USER</c> and
/// <c>SPINEKIT_PACS_PASSWORD</c>, or a file named by <c>--credentials</c> whose first line is
/// <c>Bearer TOKEN</c> or <c>Basic USER:PASSWORD</c>.
/// </summary>
internal static class PacsCredentials
{
    public static AuthenticationHeaderValue? Resolve(string? file, Func<string, string?> environment)
    {
        if (file is not null)
        {
            var line = File.ReadLines(file).FirstOrDefault()?.Trim() ?? string.Empty;
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var (scheme, secret) = space > 0 ? (line[..space], line[(space + 1)..].Trim()) : (line, string.Empty);
            return scheme.ToUpperInvariant() switch
            {
                "BEARER" when secret.Length > 0 => new AuthenticationHeaderValue("Bearer", secret),
                "BASIC" when secret.Contains(':', StringComparison.Ordinal) => new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(secret))),
                _ => throw new FormatException($"{file}: the first line must be 'Bearer TOKEN' or 'Basic USER:PASSWORD'"),
            };
        }

        if (environment("SPINEKIT_PACS_TOKEN") is { Length: > 0 } token)
        {
            return new AuthenticationHeaderValue("Bearer", token);
        }

        if (environment("SPINEKIT_PACS_USER") is { Length: > 0 } user)
        {
            var password = environment("SPINEKIT_PACS_PASSWORD") ?? string.Empty;
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        return null;
    }
}
