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

    /// <summary>Parses <paramref name="body"/>: its JSON document (for the caller's other fields; the caller disposes it) and its vertebrae, at least one.</summary>
    /// <param name="body">The request body.</param>
    /// <param name="purpose">What the vertebrae are for, in the message when there are none ("measure").</param>
    public static (JsonDocument Document, LandmarkSet Landmarks) Parse(ReadOnlySpan<byte> body, string purpose)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            throw BadRequest("The request body is not valid UTF-8 text.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException exception)
        {
            throw BadRequest($"The request body is not valid JSON ({exception.Message})");
        }

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
