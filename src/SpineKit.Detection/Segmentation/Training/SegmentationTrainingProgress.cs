using SpineKit.Detection.Training;

namespace SpineKit.Detection.Segmentation.Training;

/// <summary>A snapshot of a running segmentation training, reported after every step.</summary>
/// <param name="Fold">Current fold, from 1.</param>
/// <param name="FoldIndex">Position of the fold among those being trained, from 0.</param>
/// <param name="FoldCount">Number of folds being trained in this run.</param>
/// <param name="Loop">Where the fold's training loop stands.</param>
public sealed record SegmentationTrainingProgress(int Fold, int FoldIndex, int FoldCount, TrainingProgress Loop)
{
    /// <summary>Share of the whole run done, in [0, 1].</summary>
    public double Fraction => (FoldIndex + Loop.Fraction) / FoldCount;
}
