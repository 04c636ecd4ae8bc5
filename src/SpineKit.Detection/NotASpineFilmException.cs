using SpineKit.Detection.Inference;

namespace SpineKit.Detection;

/// <summary>
/// Thrown instead of measuring an image that <see cref="SpineFilmGate"/> refuses (another modality or body part, a
/// lateral view, an image too small to show vertebrae); the message gives every reason and how to override it.
/// </summary>
public sealed class NotASpineFilmException : Exception
{
    /// <summary>Creates the exception for <paramref name="assessment"/>.</summary>
    public NotASpineFilmException(FilmAssessment assessment)
        : base($"{(assessment ?? throw new ArgumentNullException(nameof(assessment))).Verdict switch
        {
            FilmVerdict.LateralSpine => "a lateral spine film, which the AP model does not measure",
            _ => "not an AP spine radiograph",
        }}: {string.Join("; ", assessment.Reasons)} (--force measures it anyway)")
    {
        Assessment = assessment;
    }

    /// <summary>The verdict and its reasons.</summary>
    public FilmAssessment Assessment { get; }
}
