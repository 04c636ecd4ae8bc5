namespace SpineKit.Detection.Segmentation.Training;

/// <summary>The outcome of one fold.</summary>
/// <param name="Fold">Fold number, from 1.</param>
/// <param name="BestEpoch">Epoch of the saved model.</param>
/// <param name="BestDice">Its mean body Dice on the fold's own validation images (network-input resolution).</param>
/// <param name="ModelPath">Where the model was written.</param>
public sealed record SegmentationFoldResult(int Fold, int BestEpoch, double BestDice, string ModelPath);
