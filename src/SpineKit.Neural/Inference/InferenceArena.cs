namespace SpineKit.Neural.Inference;

/// <summary>
/// The map storage of one or more <see cref="FusedNetwork"/>s. Every network has its own unless it is compiled with
/// a shared one: networks that run one after another (the models of an ensemble) then reuse the same buffers, so
/// the memory held is that of the largest network, not of all of them. Networks sharing an arena run one at a time.
/// </summary>
public sealed class InferenceArena
{
    private readonly List<float[]> _slots = [];

    /// <summary>Floats held by the arena's buffers.</summary>
    public long Floats
    {
        get
        {
            lock (Gate)
            {
                return _slots.Sum(s => (long)s.Length);
            }
        }
    }

    /// <summary>Held while a network of the arena plans or runs.</summary>
    internal Lock Gate { get; } = new();

    /// <summary>Buffers that exist.</summary>
    internal int SlotCount => _slots.Count;

    /// <summary>The buffer of slot <paramref name="index"/> (it may be replaced by a larger one when a plan grows it).</summary>
    internal float[] Slot(int index) => _slots[index];

    /// <summary>Adds a buffer of <paramref name="length"/> floats and returns its slot.</summary>
    internal int NewSlot(int length)
    {
        _slots.Add(GC.AllocateUninitializedArray<float>(length));
        return _slots.Count - 1;
    }

    /// <summary>Replaces slot <paramref name="index"/> with a buffer of at least <paramref name="length"/> floats (its content is not kept).</summary>
    internal void Grow(int index, int length)
    {
        if (_slots[index].Length < length)
        {
            _slots[index] = GC.AllocateUninitializedArray<float>(length);
        }
    }
}
