using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SpineKit.Web;

/// <summary>
/// Makes every failure a JSON <c>{ "error": "..." }</c> with the right status: refusals keep their own
/// status and message, Kestrel's request errors (body too large, ...) keep theirs, and anything else is
/// a 500 that names no internals (the details go to the server log, never to the client).
/// </summary>
internal static class ErrorResponses
{
    /// <summary>Installs the handler first in the pipeline, plus JSON bodies for bare status codes (unknown routes, wrong method).</summary>
    public static void Use(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SpineKit.Web");
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (ApiRequestException exception)
            {
                await WriteAsync(context, exception.StatusCode, exception.Message, exception.RetryAfter);
            }
            catch (Detection.NoSpineFoundException exception)
            {
                await WriteAsync(context, StatusCodes.Status422UnprocessableEntity, exception.Message);
            }
            catch (Detection.InvalidHintException exception)
            {
                await WriteAsync(context, StatusCodes.Status400BadRequest, exception.Message);
            }
            catch (BadHttpRequestException exception)
            {
                var message = exception.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? "The request body is larger than the server accepts."
                    : $"Bad request: {exception.Message}";
                await WriteAsync(context, exception.StatusCode, message);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The browser went away (a newer refine superseded this one); nobody is left to answer.
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Unhandled error on {Path}", context.Request.Path);
                await WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal server error; the server log has the details.");
            }
        });
        app.UseStatusCodePages(async statusContext =>
        {
            var context = statusContext.HttpContext;
            var message = context.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => $"No such endpoint: {context.Request.Method} {context.Request.Path}",
                StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed on {context.Request.Path}",
                _ => $"Request failed with status {context.Response.StatusCode}",
            };
            await WriteAsync(context, context.Response.StatusCode, message);
        });
    }

    private static async Task WriteAsync(HttpContext context, int status, string message, TimeSpan? retryAfter = null)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.Clear();
        context.Response.StatusCode = status;
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(PredictionResponse.Error(message), context.RequestAborted);
    }
}
