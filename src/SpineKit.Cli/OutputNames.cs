namespace SpineKit.Cli;

/// <summary>File stems for per-input outputs: two inputs called <c>scan.jpg</c> in different folders must not overwrite each other.</summary>
internal static class OutputNames
{
    /// <summary><paramref name="stem"/>, or <c>stem-2</c>, <c>stem-3</c>... the first not yet in <paramref name="used"/> (which it joins).</summary>
    public static string UniqueStem(string stem, HashSet<string> used)
    {
        var candidate = stem;
        for (var i = 2; !used.Add(candidate); i++)
        {
            candidate = $"{stem}-{i}";
        }

        return candidate;
    }
}
