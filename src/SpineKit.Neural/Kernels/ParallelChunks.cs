namespace SpineKit.Neural.Kernels;

/// <summary>
/// Splits element-wise work into fixed-size chunks run on the thread pool. Each output element is
/// written by exactly one chunk, so results never depend on the thread count.
/// </summary>
internal static class ParallelChunks
{
    /// <summary>Below this many elements the work runs on the calling thread.</summary>
    public const int MinimumParallelLength = 1 << 15;

    private const int ChunkLength = 1 << 14;

    /// <summary>Calls <paramref name="body"/>(start, length) over <c>[0, length)</c> in chunks.</summary>
    public static void For(int length, Action<int, int> body)
    {
        if (length < MinimumParallelLength)
        {
            body(0, length);
            return;
        }

        var chunks = (length + ChunkLength - 1) / ChunkLength;
        Parallel.For(0, chunks, c =>
        {
            var start = c * ChunkLength;
            body(start, Math.Min(ChunkLength, length - start));
        });
    }
}
