namespace SpineKit.Web;

/// <summary>
/// A request the server refuses, with the HTTP status and a message meant for the person using the page;
/// the error handler turns it into <c>{ "error": message }</c>.
/// </summary>
public sealed class ApiRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">HTTP status to answer with (4xx).</param>
    /// <param name="message">What was wrong, in words a user understands.</param>
    /// <param name="inner">The underlying failure, if any (never shown to the client).</param>
    public ApiRequestException(int statusCode, string message, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status code of the answer.</summary>
    public int StatusCode { get; }

    /// <summary>When set, the answer carries <c>Retry-After</c> with this many whole seconds (a 503 when memory is full).</summary>
    public TimeSpan? RetryAfter { get; init; }
}
