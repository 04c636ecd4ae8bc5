namespace SpineKit.Detection;

/// <summary>
/// The image shows no spine the model can find (a hand, a knee, a CT slice, an empty film): nothing is
/// measured. The CLI reports it for that file with exit code 1 and goes on; the web answers 422.
/// </summary>
public sealed class NoSpineFoundException : Exception
{
    /// <summary>Creates the exception with a message for the user.</summary>
    public NoSpineFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the default message.</summary>
    public NoSpineFoundException()
        : base("No spine was found on this image: it does not look like an AP spine radiograph.")
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public NoSpineFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
