namespace SpineKit.Neural.Kernels;

/// <summary>
/// Hands out chunk indices <c>0 .. count-1</c> to whichever worker asks first. Used where every chunk writes its
/// own disjoint outputs and computes them in an order that does not depend on the worker, so the result is the
/// same whoever takes which chunk; a worker delayed by another process on a shared machine then simply takes
/// fewer chunks instead of stalling the whole call.
/// </summary>
internal sealed class WorkQueue(int count)
{
    private int next;

    /// <summary>Takes the next chunk; false once all are taken.</summary>
    public bool TryTake(out int chunk)
    {
        chunk = Interlocked.Increment(ref next) - 1;
        return chunk < count;
    }
}
