using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpineKit.Detection.Reporting;
using SpineKit.Imaging.Formats.Png;

namespace SpineKit.Web;

/// <summary>The JSON API (documented in <c>docs/web-api.md</c>); each handler is a few calls into <see cref="CorrectionService"/>.</summary>
internal static class ApiEndpoints
{
    /// <summary>Largest refine body (a full hint list is a few kilobytes).</summary>
    public const long MaxRefineBytes = 256 * 1024;

    /// <summary>The header of <c>/api/render</c>'s answer with the film's pixel spacing, "row,column" in millimetres, when the file states one.</summary>
    public const string PixelSpacingHeader = "X-Pixel-Spacing-Mm";

    private const string Json = "application/json; charset=utf-8";

    /// <summary>Maps every <c>/api</c> route.</summary>
    public static void Map(IEndpointRouteBuilder routes, CorrectionService service)
    {
        routes.MapPost("/api/analyze", async (HttpContext context) =>
        {
            var (fileName, bytes) = await UploadReader.ReadAsync(context, service.Options.MaxUploadBytes);
            var header = UploadValidator.Identify(bytes, service.Options.MaxImagePixels);

            // Room is reserved from the header before any pixel is decoded and given back if anything fails.
            using var reservation = service.Reserve(header, bytes.Length);
            var image = UploadValidator.Decode(bytes, service.Options.MaxImagePixels);
            var (id, session) = service.Open(image, fileName, reservation, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
            AuditLog.NoteSession(context, id);
            return Results.Bytes(PredictionResponse.Write(id, session, session.State, service.Options.Clock.GetUtcNow(), withDisplay: true), Json);
        });

        // A film decoded and rendered for annotation by hand, without the model or the film check (a lateral DICOM is
        // what it is for): the same upload checks, memory reservation and display rendering as analyze, no session.
        routes.MapPost("/api/render", async (HttpContext context) =>
        {
            var (_, bytes) = await UploadReader.ReadAsync(context, service.Options.MaxUploadBytes);
            var header = UploadValidator.Identify(bytes, service.Options.MaxImagePixels);
            using var reservation = service.Reserve(header, bytes.Length);
            var image = UploadValidator.Decode(bytes, service.Options.MaxImagePixels);
            if (image.Metadata.PixelSpacing is { } spacing)
            {
                context.Response.Headers[PixelSpacingHeader] = FormattableString.Invariant($"{spacing.RowSpacing:R},{spacing.ColumnSpacing:R}");
            }

            return Results.Bytes(PngEncoder.Encode(image.RenderDisplay(), System.IO.Compression.CompressionLevel.Fastest), "image/png");
        });

        routes.MapPost("/api/refine", async (HttpContext context) =>
        {
            var request = RefineRequest.Parse(await ReadSmallBodyAsync(context, MaxRefineBytes));
            using var lease = Acquire(context, request.Id);
            var state = service.Refine(lease.Session, request.Hints, request.PlacedAt);
            return Results.Bytes(PredictionResponse.Write(request.Id, lease.Session, state, service.Options.Clock.GetUtcNow()), Json);
        });

        // Corners the page holds (edited or placed by hand) measured without a network or a session.
        // (A block body: an expression-bodied async lambda over HttpContext would bind as a RequestDelegate and drop the result.)
        routes.MapPost("/api/measure", async (HttpContext context) =>
        {
            var body = await ReadSmallBodyAsync(context, MeasureRequest.MaxBytes);
            return Results.Bytes(MeasureRequest.Answer(body), Json);
        });

        var sessions = routes.MapGroup("/api/sessions/{id}");
        sessions.MapGet("/image.png", (HttpContext context, string id) =>
        {
            using var lease = Acquire(context, id);
            return Results.Bytes(lease.Session.DisplayPng, "image/png");
        });
        sessions.MapGet("/modality.f32", (HttpContext context, string id) =>
        {
            using var lease = Acquire(context, id);
            var modality = lease.Session.Modality ?? throw new ApiRequestException(
                StatusCodes.Status404NotFound, "This image has no modality values to window: it is not a greyscale DICOM file.");
            return Results.Bytes(modality.ValuesFloat32(), "application/octet-stream");
        });
        sessions.MapGet("/overlay.png", (HttpContext context, string id) =>
        {
            using var lease = Acquire(context, id);
            var session = lease.Session;
            var picture = OverlayRenderer.Render(session.Display, session.State.Prediction);
            return Results.File(PngEncoder.Encode(picture), "image/png", PredictionResponse.SafeStem(session.FileName) + ".overlay.png");
        });
        // The vertebrae as the page shows them (edited there), drawn on the session's film; the session is not changed.
        sessions.MapPost("/overlay.png", async (HttpContext context, string id) =>
        {
            var body = await ReadSmallBodyAsync(context, ShownExportRequest.MaxBytes);
            using var lease = Acquire(context, id);
            var session = lease.Session;
            var picture = OverlayRenderer.Render(session.Display, ShownExportRequest.Measure(ShownExportRequest.Read(body, session)));
            return Results.File(PngEncoder.Encode(picture), "image/png", PredictionResponse.SafeStem(session.FileName) + ".overlay.png");
        });
        sessions.MapGet("/analysis.json", (HttpContext context, string id) =>
        {
            using var lease = Acquire(context, id);
            var session = lease.Session;
            var text = PredictionResponse.AnalysisJson(session, session.State, service.Options.Clock.GetUtcNow());
            return Results.File(System.Text.Encoding.UTF8.GetBytes(text), Json, PredictionResponse.SafeStem(session.FileName) + ".json");
        });
        foreach (var file in ChallengeExport.Files)
        {
            sessions.MapGet("/" + file, (HttpContext context, string id) =>
            {
                using var lease = Acquire(context, id);
                return Results.File(System.Text.Encoding.UTF8.GetBytes(ChallengeExport.Write(file, lease.Session)), "text/csv; charset=utf-8", file);
            });
            sessions.MapPost("/" + file, async (HttpContext context, string id) =>
            {
                var body = await ReadSmallBodyAsync(context, ShownExportRequest.MaxBytes);
                using var lease = Acquire(context, id);
                var entry = ShownExportRequest.ChallengeEntryOf(ShownExportRequest.Read(body, lease.Session));
                return Results.File(System.Text.Encoding.UTF8.GetBytes(ChallengeExport.Write(file, entry)), "text/csv; charset=utf-8", file);
            });
        }

        sessions.MapPost("/keepalive", (HttpContext context, string id) =>
        {
            AuditLog.NoteSession(context, id);
            service.KeepAlive(id);
            return Results.Bytes(System.Text.Encoding.UTF8.GetBytes($"{{\"idleTimeoutSeconds\":{(long)service.Options.IdleTimeout.TotalSeconds}}}"), Json);
        });

        sessions.MapDelete(string.Empty, (HttpContext context, string id) =>
        {
            AuditLog.NoteSession(context, id);
            return service.Sessions.Remove(id)
                ? Results.NoContent()
                : throw new ApiRequestException(StatusCodes.Status404NotFound, "No open image with that id.");
        });

        SessionLease<CorrectionSession> Acquire(HttpContext context, string id)
        {
            AuditLog.NoteSession(context, id);
            return service.Acquire(id);
        }
    }

    private static async Task<byte[]> ReadSmallBodyAsync(HttpContext context, long limit)
    {
        if (context.Request.ContentLength > limit)
        {
            throw new ApiRequestException(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {limit / 1024} KiB.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new ApiRequestException(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {limit / 1024} KiB.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
