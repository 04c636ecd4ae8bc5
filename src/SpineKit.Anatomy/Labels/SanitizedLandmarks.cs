namespace SpineKit.Anatomy.Labels;

/// <summary>The result of <see cref="LabelSanitizer.Sanitize"/>: the repaired set and every issue found.</summary>
/// <param name="Landmarks">Vertebrae sorted top to bottom with corners in tl, tr, bl, br order; non-finite vertebrae removed.</param>
/// <param name="Issues">Everything that was wrong, repaired or not; empty for a clean set.</param>
public sealed record SanitizedLandmarks(LandmarkSet Landmarks, IReadOnlyList<LabelIssue> Issues)
{
    /// <summary>True when nothing was found.</summary>
    public bool IsClean => Issues.Count == 0;

    /// <summary>The kinds of issue found, each once, in the order first found (empty when clean).</summary>
    public IReadOnlyList<LabelIssueKind> IssueKinds => [.. Issues.Select(i => i.Kind).Distinct()];

    /// <summary>True when an issue of <paramref name="kind"/> was found.</summary>
    public bool Has(LabelIssueKind kind) => Issues.Any(i => i.Kind == kind);

    /// <summary>
    /// The levels whose vertebra was dropped as unusable (a corner not a number, an outline stretched over the film):
    /// the film shows them, the labels just do not say where.
    /// </summary>
    public IReadOnlySet<VertebraLevel> DroppedLevels => Issues
        .Where(i => i.Kind is LabelIssueKind.NonFinite or LabelIssueKind.Oversized && i.Level is not null)
        .Select(i => i.Level!.Value)
        .ToHashSet();
}
