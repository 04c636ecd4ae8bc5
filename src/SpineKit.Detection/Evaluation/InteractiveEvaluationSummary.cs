using SpineKit.Anatomy;
using SpineKit.Anatomy.Labels;

namespace SpineKit.Detection.Evaluation;

/// <summary>Results of a click simulation over many images.</summary>
/// <param name="Names">Image file names, in dataset order.</param>
/// <param name="ModelErrors">Per image, mean radial error after 0..K clicks when the model re-predicts.</param>
/// <param name="ManualErrors">Per image, the same when only the clicked corner moves.</param>
/// <param name="PredictionsByClicks">For each click count 0..K, the model-revised landmarks of every image.</param>
/// <param name="MedianClickSeconds">Median time of one re-prediction.</param>
public sealed record InteractiveEvaluationSummary(
    IReadOnlyList<string> Names,
    IReadOnlyList<IReadOnlyList<double>> ModelErrors,
    IReadOnlyList<IReadOnlyList<double>> ManualErrors,
    IReadOnlyList<IReadOnlyList<LandmarkSet>> PredictionsByClicks,
    double MedianClickSeconds)
{
    /// <summary>Number of simulated clicks per image.</summary>
    public int Clicks => ModelErrors[0].Count - 1;

    /// <summary>
    /// Per image, the kinds of label problem the <see cref="LabelSanitizer"/> found (empty for clean labels): a film
    /// whose labels were re-sorted, cross or lie on one body makes the simulated user click where the truth is wrong.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<LabelIssueKind>> LabelIssues { get; init; } = [];

    /// <summary>The indices of the images whose labels the sanitizer found nothing wrong with.</summary>
    public IReadOnlyList<int> CleanLabelImages => [.. Enumerable.Range(0, Names.Count).Where(i => i >= LabelIssues.Count || LabelIssues[i].Count == 0)];
}
