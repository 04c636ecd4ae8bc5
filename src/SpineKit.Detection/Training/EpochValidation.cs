namespace SpineKit.Detection.Training;

/// <summary>One epoch's validation of one model.</summary>
/// <param name="Score">The figure that chooses the best epoch (see <see cref="ITrainingTask.HigherScoreIsBetter"/>); NaN when there are no validation images.</param>
/// <param name="Values">The figures in the order of <see cref="ITrainingTask.ValidationColumns"/>.</param>
/// <param name="Summary">One line for the log.</param>
internal sealed record EpochValidation(double Score, IReadOnlyList<double> Values, string Summary);
