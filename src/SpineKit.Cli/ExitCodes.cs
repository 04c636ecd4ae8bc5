namespace SpineKit.Cli;

/// <summary>The process exit codes every <c>spinekit</c> command uses.</summary>
internal static class ExitCodes
{
    /// <summary>The command did everything it was asked.</summary>
    public const int Success = 0;

    /// <summary>The arguments were fine but some input could not be processed.</summary>
    public const int ProcessingError = 1;

    /// <summary>The command line itself was wrong: unknown command, bad or missing argument.</summary>
    public const int UsageError = 2;
}
