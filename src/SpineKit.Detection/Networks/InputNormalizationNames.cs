namespace SpineKit.Detection.Networks;

/// <summary>The names of <see cref="InputNormalization"/> values in model files, one spelling for every network that records one.</summary>
internal static class InputNormalizationNames
{
    /// <summary>The metadata name of <paramref name="normalization"/>.</summary>
    public static string Name(InputNormalization normalization) => normalization switch
    {
        InputNormalization.ClaheStandardize => "clahe",
        _ => "standardize",
    };

    /// <summary>The normalisation a model file names; throws <see cref="FormatException"/> for one this version does not know.</summary>
    public static InputNormalization Parse(string name) => name switch
    {
        "clahe" => InputNormalization.ClaheStandardize,
        "standardize" => InputNormalization.Standardize,
        _ => throw new FormatException($"The model file's input normalisation '{name}' is not known to this version of SpineKit (expected standardize or clahe)."),
    };
}
