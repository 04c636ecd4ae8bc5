namespace SpineKit.Detection;

/// <summary>
/// A correction no vertebra can have (a level the model does not find, a corner far outside the image, corners
/// on one point or on a line), refused before any network pass. The CLI reports it with exit code 1; the web
/// answers 400. It is an <see cref="ArgumentException"/> because the hints are the caller's argument.
/// </summary>
public sealed class InvalidHintException : ArgumentException
{
    /// <summary>Creates the exception with a message for the user.</summary>
    public InvalidHintException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the default message.</summary>
    public InvalidHintException()
        : base("The corrections cannot belong to one spine.")
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public InvalidHintException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
