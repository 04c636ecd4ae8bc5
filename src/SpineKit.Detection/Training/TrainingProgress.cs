namespace SpineKit.Detection.Training;

/// <summary>Where a <see cref="TrainingLoop"/> run stands after a step.</summary>
/// <param name="Epoch">Current epoch, from 1.</param>
/// <param name="Epochs">Planned epochs (may change under a time budget).</param>
/// <param name="Step">Steps done in this epoch.</param>
/// <param name="StepsPerEpoch">Steps per epoch.</param>
/// <param name="Loss">Mean loss of this epoch so far.</param>
/// <param name="LearningRate">Learning rate of the last step.</param>
/// <param name="LastValidation">The previous epoch's validation line, if any.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, int Step, int StepsPerEpoch, double Loss, double LearningRate, string? LastValidation)
{
    /// <summary>Share of the planned steps done, 0 to 1.</summary>
    public double Fraction => (Epoch - 1 + ((double)Step / StepsPerEpoch)) / Epochs;
}
