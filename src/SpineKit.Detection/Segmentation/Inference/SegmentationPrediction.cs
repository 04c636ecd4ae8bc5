using SpineKit.Imaging;

namespace SpineKit.Detection.Segmentation.Inference;

/// <summary>The result of <see cref="SegmentationEnsemble.Segment"/>, at the radiograph's own size.</summary>
/// <param name="Classes">Class per pixel: 0 background, 1 vertebral body, 2 gap.</param>
/// <param name="BodyMask">Vertebral body 255, else 0, straight from the vote.</param>
/// <param name="PostProcessedMask">The body mask after post-processing, when it was asked for.</param>
/// <param name="Seconds">Wall-clock time of the segmentation.</param>
public sealed record SegmentationPrediction(Image<byte> Classes, Image<byte> BodyMask, Image<byte>? PostProcessedMask, double Seconds)
{
    /// <summary>The post-processed mask when there is one, else the raw body mask.</summary>
    public Image<byte> FinalMask => PostProcessedMask ?? BodyMask;
}
