using System.Collections;

namespace SpineKit.Detection.PostProcessing;

/// <summary>
/// The chain <see cref="SpineChainSelector"/> chose: one entry per level, top to bottom, with the prior's
/// cost of the labelling and its margin over the same vertebrae labelled one level up or down.
/// </summary>
internal sealed class SpineChain : IReadOnlyList<ChainedVertebra>
{
    /// <summary>Below this label margin the level names are in doubt ("check the level labels").</summary>
    public const float DoubtfulLabelMargin = 1f;

    private readonly IReadOnlyList<ChainedVertebra> _levels;

    /// <summary>Wraps the levels and the costs.</summary>
    public SpineChain(IReadOnlyList<ChainedVertebra> levels, float cost, float labelMargin)
    {
        _levels = levels ?? throw new ArgumentNullException(nameof(levels));
        Cost = cost;
        LabelMargin = labelMargin;
    }

    /// <summary>The prior's total cost of the chosen labelling.</summary>
    public float Cost { get; }

    /// <summary>Extra cost of the best labelling shifted by one level (infinite when none is possible; NaN when the chain was relabelled by level estimates, which judge the doubt instead).</summary>
    public float LabelMargin { get; }

    /// <summary>Whether a labelling one level off is almost as likely (a small <see cref="LabelMargin"/>, or level estimates that do not agree on one labelling).</summary>
    public bool LabelsInDoubt { get; init; }

    /// <inheritdoc/>
    public int Count => _levels.Count;

    /// <inheritdoc/>
    public ChainedVertebra this[int index] => _levels[index];

    /// <inheritdoc/>
    public IEnumerator<ChainedVertebra> GetEnumerator() => _levels.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
