namespace SpineKit.Anatomy.Labels;

/// <summary>One problem found while sanitising, located by vertebra.</summary>
/// <param name="Kind">What kind of problem.</param>
/// <param name="VertebraIndex">0-based position of the vertebra in the input order, or -1 when the issue concerns the whole set.</param>
/// <param name="Level">The vertebra's level, when one is concerned.</param>
/// <param name="Message">A sentence for humans.</param>
public sealed record LabelIssue(LabelIssueKind Kind, int VertebraIndex, VertebraLevel? Level, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind}: {Message}";
}
