namespace SpineKit.Detection.Inference;

/// <summary>The gate's decision and every reason behind it (in words a user understands).</summary>
/// <param name="Verdict">The decision.</param>
/// <param name="Reasons">Why; empty for a plain AP spine film.</param>
public sealed record FilmAssessment(FilmVerdict Verdict, IReadOnlyList<string> Reasons)
{
    /// <summary>Nothing against the image.</summary>
    public static FilmAssessment Clear { get; } = new(FilmVerdict.ApSpine, []);

    /// <summary>True when the image must not be measured (lateral or not a spine film) unless the user forces it.</summary>
    public bool Refused => Verdict is FilmVerdict.LateralSpine or FilmVerdict.NotSpine;

    /// <summary>The verdict as written in JSON: <c>apSpine</c>, <c>unsure</c>, <c>lateralSpine</c>, <c>notSpine</c>.</summary>
    public string Code => Verdict switch
    {
        FilmVerdict.ApSpine => "apSpine",
        FilmVerdict.Unsure => "unsure",
        FilmVerdict.LateralSpine => "lateralSpine",
        _ => "notSpine",
    };

    /// <summary>The more severe of this and <paramref name="other"/>, with both sets of reasons.</summary>
    public FilmAssessment Combine(FilmAssessment other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new FilmAssessment((FilmVerdict)Math.Max((int)Verdict, (int)other.Verdict), [.. Reasons, .. other.Reasons]);
    }
}
