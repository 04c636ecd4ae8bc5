namespace SpineKit.Neural.Kernels;

/// <summary>
/// Runs a fixed number of workers, worker <c>t</c> always getting the same slice of the work, so results never
/// depend on scheduling. The calling thread is one of the workers; with one worker nothing is scheduled.
/// </summary>
internal static class KernelParallel
{
    /// <summary>Calls <paramref name="body"/> once for each worker index in <c>0 .. workers-1</c> and waits for all.</summary>
    public static void Run(int workers, Action<int> body)
    {
        if (workers <= 1)
        {
            body(0);
            return;
        }

        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, body);
    }

    /// <summary>The first index of worker <paramref name="worker"/>'s share when <paramref name="count"/> items are split evenly.</summary>
    public static int Start(int count, int workers, int worker) => (int)((long)count * worker / workers);
}
