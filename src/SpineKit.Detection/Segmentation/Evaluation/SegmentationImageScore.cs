namespace SpineKit.Detection.Segmentation.Evaluation;

/// <summary>The scores of one image; the post-processed ones are present when post-processing was asked for.</summary>
/// <param name="Name">Image file name.</param>
/// <param name="Dice">Body Dice of the raw vote against the rendered labels, at the original size.</param>
/// <param name="IoU">Body intersection over union of the raw vote.</param>
/// <param name="PostProcessedDice">Body Dice after post-processing.</param>
/// <param name="PostProcessedIoU">Body IoU after post-processing.</param>
/// <param name="Seconds">Segmentation time (excluding decoding).</param>
public sealed record SegmentationImageScore(string Name, double Dice, double IoU, double? PostProcessedDice, double? PostProcessedIoU, double Seconds);
