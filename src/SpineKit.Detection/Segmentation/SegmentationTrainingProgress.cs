namespace SpineKit.Detection.Segmentation;

/// <summary>A snapshot of a running segmentation training, reported after every step.</summary>
/// <param name="Fold">Current fold, from 1.</param>
/// <param name="FoldIndex">Position of the fold among those being trained, from 0.</param>
/// <param name="FoldCount">Number of folds being trained in this run.</param>
/// <param name="Epoch">Current epoch, from 1.</param>
/// <param name="Epochs">Planned epochs of this fold.</param>
/// <param name="Step">Step within the epoch, from 1.</param>
/// <param name="StepsPerEpoch">Steps per epoch.</param>
/// <param name="Loss">Running mean loss of this epoch.</param>
/// <param name="LastDice">Fold-validation Dice of the latest epoch, if any.</param>
public sealed record SegmentationTrainingProgress(int Fold, int FoldIndex, int FoldCount, int Epoch, int Epochs, int Step, int StepsPerEpoch, double Loss, double? LastDice)
{
    /// <summary>Share of the whole run done, in [0, 1].</summary>
    public double Fraction => (FoldIndex + ((Epoch - 1 + ((double)Step / StepsPerEpoch)) / Epochs)) / FoldCount;
}

/// <summary>The outcome of one fold.</summary>
/// <param name="Fold">Fold number, from 1.</param>
/// <param name="BestEpoch">Epoch of the saved model.</param>
/// <param name="BestDice">Its mean body Dice on the fold's own validation images (network-input resolution).</param>
/// <param name="ModelPath">Where the model was written.</param>
public sealed record SegmentationFoldResult(int Fold, int BestEpoch, double BestDice, string ModelPath);
