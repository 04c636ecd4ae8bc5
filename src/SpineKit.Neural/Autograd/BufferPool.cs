namespace SpineKit.Neural.Autograd;

/// <summary>
/// Recycles large float arrays by length. Two lifetimes share this one mechanism:
/// <list type="bullet">
/// <item>one backward pass (the default): when an operation's output gradient has been consumed (and not handed on
/// to an input), its array serves a later operation of the same size instead of fresh memory; the pool is dropped
/// when the pass ends;</item>
/// <item>a training step, when the caller owns a <see cref="TrainingBuffers"/>: the forward pass's outputs are rented
/// too, and when the step ends every array lent during it (save the gradients that became a leaf's
/// <see cref="Tensor.Grad"/>) goes back to the pool, so the next step of the same shapes allocates nothing large.</item>
/// </list>
/// The pool in use is reachable only from the thread running the pass or step (set and cleared by
/// <see cref="BackwardEngine"/> or <see cref="TrainingBuffers.BeginStep"/>); outside those, and on worker threads,
/// <see cref="Rent"/> simply allocates.
/// </summary>
internal sealed class BufferPool
{
    /// <summary>Arrays shorter than this are left to the allocator (they are cheap and numerous).</summary>
    private const int MinimumPooledLength = 1 << 14;

    /// <summary>Upper bound on floats parked in a one-pass pool, so recycling never raises the peak much.</summary>
    private const long MaximumPassPooledFloats = 64L << 20;

    [ThreadStatic]
    private static BufferPool? t_current;

    private readonly Dictionary<int, Stack<float[]>> _free = [];

    /// <summary>Arrays parked in <see cref="_free"/>, so that an array offered twice is parked once.</summary>
    private readonly HashSet<float[]> _parked = new(ReferenceEqualityComparer.Instance);

    /// <summary>Arrays lent during the current step (step pools only), given back when it ends.</summary>
    private readonly HashSet<float[]>? _lent;
    private readonly long _maximumPooledFloats;
    private long _pooledFloats;

    private BufferPool(bool ownedByStep)
    {
        _lent = ownedByStep ? new HashSet<float[]>(ReferenceEqualityComparer.Instance) : null;
        _maximumPooledFloats = ownedByStep ? long.MaxValue : MaximumPassPooledFloats;
    }

    /// <summary>Whether a pool is installed on this thread (a backward pass or an owned step is running).</summary>
    public static bool IsActive => t_current is not null;

    /// <summary>Floats parked for reuse.</summary>
    public long PooledFloats => _pooledFloats;

    /// <summary>A pool that lives across the steps of one owner (see <see cref="TrainingBuffers"/>).</summary>
    public static BufferPool ForSteps() => new(ownedByStep: true);

    /// <summary>An array of <paramref name="length"/> with unspecified contents.</summary>
    public static float[] Rent(int length)
    {
        if (t_current is not { } pool || length < MinimumPooledLength)
        {
            return GC.AllocateUninitializedArray<float>(length);
        }

        float[] array;
        if (pool._free.TryGetValue(length, out var stack) && stack.Count > 0)
        {
            array = stack.Pop();
            pool._parked.Remove(array);
            pool._pooledFloats -= length;
        }
        else
        {
            array = GC.AllocateUninitializedArray<float>(length);
        }

        pool._lent?.Add(array);
        return array;
    }

    /// <summary>
    /// Storage for an operation's output: from the step's pool while a step owned by a <see cref="TrainingBuffers"/>
    /// is recording a graph on this thread, otherwise a fresh array.
    /// </summary>
    public static float[] RentOutput(int length) => t_current is { _lent: not null } && GradMode.IsEnabled
        ? Rent(length)
        : GC.AllocateUninitializedArray<float>(length);

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

    /// <summary>Installs a fresh one-pass pool unless a step's pool is already installed; dispose to drop it.</summary>
    public static Scope BeginPass() => new(t_current is { _lent: not null } step ? step : new BufferPool(ownedByStep: false));

    /// <summary>Installs this pool on the calling thread for one step; disposing the scope ends the step.</summary>
    public Scope BeginStep()
    {
        if (_lent is null)
        {
            throw new InvalidOperationException("Only a step pool can begin a step.");
        }

        return new Scope(this, endsStep: true);
    }

    /// <summary>Offers a dead array for reuse within the current pass or step.</summary>
    public static void Return(float[] array)
    {
        if (t_current is { } pool && array.Length >= MinimumPooledLength)
        {
            // A step pool has no size cap, so it recycles only what it lent: an array an operation allocated for itself
            // and gave back here would otherwise be parked anew every step and pile up (measured: ~50 MB per
            // segmentation training step until the process was killed).
            if (pool._lent is { } lent && !lent.Remove(array))
            {
                return;
            }

            pool.Park(array);
        }
    }

    /// <summary>
    /// Marks <paramref name="array"/> as outliving the step (a leaf's gradient): the step's end does not take it back.
    /// </summary>
    public static void Keep(float[] array) => t_current?._lent?.Remove(array);

    private void Park(float[] array)
    {
        if (_pooledFloats + array.Length > _maximumPooledFloats || !_parked.Add(array))
        {
            return;
        }

        if (!_free.TryGetValue(array.Length, out var stack))
        {
            _free[array.Length] = stack = new Stack<float[]>();
        }

        stack.Push(array);
        _pooledFloats += array.Length;
    }

    /// <summary>Takes back every array lent during the step.</summary>
    private void EndStep()
    {
        foreach (var array in _lent!)
        {
            Park(array);
        }

        _lent.Clear();
    }

    /// <summary>Restores the previous pool (normally none) when the pass or step ends.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly BufferPool? _previous;
        private readonly BufferPool _pool;
        private readonly bool _endsStep;

        public Scope(BufferPool pool, bool endsStep = false)
        {
            _previous = t_current;
            _pool = pool;
            _endsStep = endsStep;
            t_current = pool;
        }

        public void Dispose()
        {
            t_current = _previous;
            if (_endsStep)
            {
                _pool.EndStep();
            }
        }
    }
}
