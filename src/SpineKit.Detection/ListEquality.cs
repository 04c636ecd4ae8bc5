namespace SpineKit.Detection;

/// <summary>
/// Element-by-element equality for the width lists of the network configurations: a record's generated
/// equality compares its array by reference, so two configurations read from the same model file twice
/// would differ.
/// </summary>
internal static class ListEquality
{
    /// <summary>Whether both lists are absent, or both hold the same values in the same order.</summary>
    public static bool Equal(IReadOnlyList<int>? first, IReadOnlyList<int>? second) =>
        ReferenceEquals(first, second) || (first is not null && second is not null && first.SequenceEqual(second));

    /// <summary>Adds the values of <paramref name="list"/> (and its length, so [] and absent differ from [0]) to <paramref name="hash"/>.</summary>
    public static void Add(ref HashCode hash, IReadOnlyList<int>? list)
    {
        if (list is null)
        {
            hash.Add(-1);
            return;
        }

        hash.Add(list.Count);
        foreach (var value in list)
        {
            hash.Add(value);
        }
    }
}
