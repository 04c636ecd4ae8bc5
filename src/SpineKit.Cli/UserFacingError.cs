namespace SpineKit.Cli;

/// <summary>
/// Turns the exceptions that bad input legitimately raises into one-line messages, so users never see a stack trace.
/// </summary>
internal static class UserFacingError
{
    /// <summary>Returns true with a message when <paramref name="exception"/> is a known input or I/O failure.</summary>
    public static bool TryDescribe(Exception exception, out string message)
    {
        switch (exception)
        {
            case Anatomy.Labels.LabelFormatException:
            case Imaging.ImageFormatException:
            case Neural.ModelFormatException:
            case Detection.NoSpineFoundException:
            case Detection.NotASpineFilmException:
            case Detection.InvalidHintException:
            case Detection.Pacs.DicomWebException:
                message = exception.Message;
                return true;
            case FileNotFoundException notFound:
                // Keep SpineKit's own messages (they say which file and why); shorten the runtime's generic one.
                message = notFound.Message.StartsWith("Could not find", StringComparison.Ordinal) && notFound.FileName is not null
                    ? $"file not found: {notFound.FileName}"
                    : notFound.Message;
                return true;
            case DirectoryNotFoundException:
            case UnauthorizedAccessException:
            case IOException:
            case FormatException:
            case InvalidDataException:
                message = exception.Message;
                return true;
            default:
                message = string.Empty;
                return false;
        }
    }
}
