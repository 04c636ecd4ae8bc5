using System.CommandLine;

namespace SpineKit.Cli;

/// <summary>
/// The <c>--shard I/N</c> option of the batch commands (<c>analyze</c>, <c>segment</c>): several processes, or
/// machines, split one input list without overlap, each taking every N-th of the sorted files from the I-th.
/// </summary>
internal static class ShardOption
{
    /// <summary>The option; a malformed value is a usage error.</summary>
    public static Option<string?> Create()
    {
        var shard = new Option<string?>("--shard") { Description = "Process only shard I of N (I/N, 0 <= I < N) of the sorted inputs." };
        shard.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && !InputFiles.TryParseShard(text, out _, out _))
            {
                result.AddError($"--shard must be I/N with 0 <= I < N (e.g. 0/4), not '{text}'");
            }
        });
        return shard;
    }
}
