namespace SpineKit.Detection.Inference;

/// <summary>What <see cref="SpineFilmGate"/> decided an image is.</summary>
public enum FilmVerdict
{
    /// <summary>An AP (or PA) spine radiograph: measured as usual.</summary>
    ApSpine,

    /// <summary>Possibly a spine film but with evidence against it: measured, with a warning in every output.</summary>
    Unsure,

    /// <summary>A lateral spine film: the AP model does not measure it.</summary>
    LateralSpine,

    /// <summary>Not a spine radiograph (another modality, another body part, or no spine-like evidence).</summary>
    NotSpine,
}
