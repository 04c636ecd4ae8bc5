namespace SpineKit.Neural.Inference;

/// <summary>Runs per-plane work on all cores when the map is large enough to repay waking them.</summary>
internal static class PlaneParallel
{
    private const int ParallelElements = 1 << 16;

    /// <summary>Calls <paramref name="body"/> for every plane index below <paramref name="planes"/>.</summary>
    public static void For(int planes, long elements, Action<int> body)
    {
        if (elements < ParallelElements || planes == 1)
        {
            for (var p = 0; p < planes; p++)
            {
                body(p);
            }
        }
        else
        {
            Parallel.For(0, planes, body);
        }
    }
}
