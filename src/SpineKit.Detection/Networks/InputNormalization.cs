namespace SpineKit.Detection.Networks;

/// <summary>How a resized radiograph or a crop of one is normalised before it enters a network.</summary>
public enum InputNormalization
{
    /// <summary>Zero mean and unit deviation per image.</summary>
    Standardize,

    /// <summary>
    /// Contrast-limited adaptive histogram equalisation first, then standardisation: faint bodies behind
    /// the shoulders and the pelvis get local contrast the global standardisation cannot give them.
    /// </summary>
    ClaheStandardize,
}
