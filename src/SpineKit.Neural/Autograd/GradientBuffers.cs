namespace SpineKit.Neural.Autograd;

/// <summary>
/// Recycles gradient arrays within one backward pass: when an operation's output gradient has been
/// consumed (and not handed on to an input), its array serves a later operation of the same size instead
/// of fresh memory. The pool lives only while <see cref="BackwardEngine"/> runs a pass on the current thread
/// (thread-static, set and cleared by the engine); outside a pass <see cref="Rent"/> simply allocates.
/// </summary>
internal sealed class GradientBuffers
{
    /// <summary>Arrays shorter than this are left to the allocator (they are cheap and numerous).</summary>
    private const int MinimumPooledLength = 1 << 14;

    /// <summary>Upper bound on floats parked in the pool, so recycling never raises the peak much.</summary>
    private const long MaximumPooledFloats = 64L << 20;

    [ThreadStatic]
    private static GradientBuffers? t_current;

    private readonly Dictionary<int, Stack<float[]>> _free = [];
    private long _pooledFloats;

    /// <summary>An array of <paramref name="length"/> with unspecified contents.</summary>
    public static float[] Rent(int length)
    {
        if (t_current is { } pool && length >= MinimumPooledLength && pool._free.TryGetValue(length, out var stack) && stack.Count > 0)
        {
            pool._pooledFloats -= length;
            return stack.Pop();
        }

        return GC.AllocateUninitializedArray<float>(length);
    }

    /// <summary>An array of <paramref name="length"/> zeros.</summary>
    public static float[] RentZeroed(int length)
    {
        if (length < MinimumPooledLength || t_current is null)
        {
            return new float[length];
        }

        var array = Rent(length);
        Array.Clear(array);
        return array;
    }

    /// <summary>Installs a fresh pool for the pass running on this thread; dispose to drop it.</summary>
    public static Scope BeginPass() => new(new GradientBuffers());

    /// <summary>Offers a dead gradient array for reuse within the current pass.</summary>
    public static void Return(float[] array)
    {
        if (t_current is { } pool && array.Length >= MinimumPooledLength && pool._pooledFloats + array.Length <= MaximumPooledFloats)
        {
            if (!pool._free.TryGetValue(array.Length, out var stack))
            {
                pool._free[array.Length] = stack = new Stack<float[]>();
            }

            stack.Push(array);
            pool._pooledFloats += array.Length;
        }
    }

    /// <summary>Restores the previous pool (normally none) when the pass ends.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly GradientBuffers? _previous;

        public Scope(GradientBuffers pool)
        {
            _previous = t_current;
            t_current = pool;
        }

        public void Dispose() => t_current = _previous;
    }
}
