namespace SpineKit.Detection.Segmentation.Inference;

/// <summary>A calibrated body threshold.</summary>
/// <param name="BodyThreshold">The chosen threshold.</param>
/// <param name="Dice">Mean body Dice at that threshold.</param>
/// <param name="ArgMaxDice">Mean body Dice of the plain arg-max, for comparison.</param>
internal sealed record SegmentationThreshold(double BodyThreshold, double Dice, double ArgMaxDice);
