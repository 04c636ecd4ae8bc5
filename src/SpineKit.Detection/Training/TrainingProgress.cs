namespace SpineKit.Detection.Training;

/// <summary>A snapshot of a running training, reported after every step.</summary>
/// <param name="Epoch">Current epoch, from 1.</param>
/// <param name="Epochs">Planned epochs.</param>
/// <param name="Step">Step within the epoch, from 1.</param>
/// <param name="StepsPerEpoch">Steps per epoch.</param>
/// <param name="Loss">Running mean loss of this epoch.</param>
/// <param name="LearningRate">Current learning rate.</param>
/// <param name="LastValidation">Figures of the latest validation, if any.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, int Step, int StepsPerEpoch, double Loss, double LearningRate, ValidationFigures? LastValidation);
