using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace SpineKit.Web;

/// <summary>
/// Reads the uploaded file of <c>POST /api/analyze</c> into memory, refusing oversized or malformed
/// requests before buffering them. The form is kept in memory (never spilled to a temp file) because the
/// size is bounded first.
/// </summary>
internal static class UploadReader
{
    /// <summary>The form field that carries the image.</summary>
    public const string FieldName = "file";

    // Room for the multipart boundaries and part headers around the file itself.
    private const long MultipartAllowance = 64 * 1024;

    /// <summary>The file's name (no folder) and its bytes.</summary>
    public static async Task<(string FileName, byte[] Bytes)> ReadAsync(HttpContext context, long maxBytes)
    {
        var request = context.Request;
        var bodyLimit = maxBytes + MultipartAllowance;
        if (request.ContentLength > bodyLimit)
        {
            throw TooLarge(maxBytes);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = bodyLimit;
        }

        if (!request.HasFormContentType)
        {
            throw new ApiRequestException(StatusCodes.Status400BadRequest, $"Send the image as multipart/form-data with the field '{FieldName}'.");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(
                new FormOptions
                {
                    MultipartBodyLengthLimit = bodyLimit,
                    MemoryBufferThreshold = (int)Math.Min(int.MaxValue, bodyLimit),
                    ValueCountLimit = 16,
                },
                context.RequestAborted);
        }
        catch (InvalidDataException exception) when (exception.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase))
        {
            throw TooLarge(maxBytes);
        }
        catch (BadHttpRequestException)
        {
            // Kestrel's own refusals (body over its limit, bad chunking) keep their status.
            throw;
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or InvalidOperationException or FormatException
            && !context.RequestAborted.IsCancellationRequested)
        {
            // A missing or over-long boundary, a part cut off before its end, unreadable part headers: the
            // client's form is broken, which is a 400, not a server failure.
            throw new ApiRequestException(StatusCodes.Status400BadRequest, $"The upload is not a valid multipart form: {exception.Message}", exception);
        }

        var file = form.Files.GetFile(FieldName)
            ?? throw new ApiRequestException(StatusCodes.Status400BadRequest, $"The form has no file field named '{FieldName}'.");
        if (file.Length > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        if (file.Length == 0)
        {
            throw new ApiRequestException(StatusCodes.Status400BadRequest, "The uploaded file is empty.");
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, context.RequestAborted);
        }

        // The name goes into exports (one CSV row), so no folders, control characters or commas.
        var name = new string(Path.GetFileName(file.FileName.Replace('\\', '/')).Where(c => !char.IsControl(c) && c != ',').ToArray());
        return (string.IsNullOrWhiteSpace(name) ? "upload" : name, bytes);
    }

    /// <summary>The 413 answer for a body over the limit.</summary>
    public static ApiRequestException TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, $"The file is larger than the server accepts ({maxBytes / (1024.0 * 1024.0):0.#} MiB).");
}
