namespace SpineKit.Detection.Pacs;

/// <summary>A DICOMweb request that failed for good (after its retries), with the server's status when it answered.</summary>
public sealed class DicomWebException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DicomWebException(string message, int? status = null, Exception? inner = null)
        : base(message, inner) => Status = status;

    /// <summary>Creates the exception.</summary>
    public DicomWebException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public DicomWebException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DicomWebException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The HTTP status the server gave, or null when it gave none (connection refused, timeout).</summary>
    public int? Status { get; }
}
