using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Labels;
using SpineKit.Detection.Reporting;

namespace SpineKit.Web;

/// <summary>
/// A request body holding the vertebrae the page shows, as a <c>spinekit.analysis/1</c> document (<c>POST /api/measure</c>
/// and the exports of edited vertebrae): UTF-8, JSON, then the document's image size and vertebrae read by
/// <see cref="AnalysisJsonReader"/>; every problem is a 400 that names it.
/// </summary>
internal static class VertebraeBody
{
    /// <summary>Largest body (a full spine's document is a few tens of kilobytes).</summary>
    public const long MaxBytes = 512 * 1024;

    /// <summary>
    /// A request body as a JSON document (the caller disposes it), or a 400: bodies that are not UTF-8 are refused up
    /// front, since JSON strings are read as UTF-16 only when asked for and a bad byte inside one would surface later
    /// as an <see cref="InvalidOperationException"/>.
    /// </summary>
    public static JsonDocument ParseJson(ReadOnlySpan<byte> body, int maxDepth)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            throw BadRequest("The request body is not valid UTF-8 text.");
        }

        try
        {
            return JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException exception)
        {
            throw BadRequest($"The request body is not valid JSON ({exception.Message})");
        }
    }

    /// <summary>Parses <paramref name="body"/>: its JSON document (for the caller's other fields; the caller disposes it) and its vertebrae, at least one.</summary>
    /// <param name="body">The request body.</param>
    /// <param name="purpose">What the vertebrae are for, in the message when there are none ("measure").</param>
    public static (JsonDocument Document, LandmarkSet Landmarks) Parse(ReadOnlySpan<byte> body, string purpose)
    {
        var document = ParseJson(body, maxDepth: 16);
        try
        {
            var landmarks = AnalysisJsonReader.Read(document.RootElement, "the request");
            return landmarks.Vertebrae.Count == 0 ? throw BadRequest($"There are no vertebrae to {purpose}.") : (document, landmarks);
        }
        catch (Exception exception) when (exception is LabelFormatException or ApiRequestException)
        {
            document.Dispose();
            throw exception is LabelFormatException ? BadRequest(exception.Message) : exception;
        }
    }

    /// <summary>A 400 answer with <paramref name="message"/>.</summary>
    public static ApiRequestException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);
}
