using SpineKit.Detection.Segmentation.Codecs;
using SpineKit.Detection.Segmentation.Networks;
using SpineKit.Imaging;
using SpineKit.Imaging.Morphology;

namespace SpineKit.Detection.Segmentation.PostProcessing;

/// <summary>
/// Optional clean-up of a predicted class map into a body mask: erode the bodies (drops specks and
/// thin bridges), dilate by a slightly larger radius (restores and smooths the outline), then keep only
/// the bodies within the largest connected piece of spine (bodies plus gaps), which discards isolated
/// false positives. The last step can also drop a vertebra separated from the rest on a hard image,
/// which is why it is an option. Radii are in network-input pixels and scaled to the image's.
/// </summary>
/// <param name="ErosionRadius">Erosion radius in network-input pixels.</param>
/// <param name="DilationRadius">Dilation radius in network-input pixels (slightly more than the erosion, so the outline ends up about where it was).</param>
/// <param name="KeepLargestComponent">Keep only the largest connected spine piece.</param>
public sealed record SegmentationPostProcessing(double ErosionRadius = 1, double DilationRadius = 1.25, bool KeepLargestComponent = true)
{
    /// <summary>The defaults: erode 1, dilate 1.25 input pixels (about 5 and 6 pixels of a 2,500-pixel-high radiograph at 512), largest component kept.</summary>
    public static SegmentationPostProcessing Default { get; } = new();

    /// <summary>
    /// The post-processed body mask (0/255) of <paramref name="classes"/>; <paramref name="scale"/> is
    /// image pixels per network-input pixel (radii are multiplied by it and rounded).
    /// </summary>
    public Image<byte> Apply(Image<byte> classes, double scale = 1)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        var body = SegmentationMasks.BodyMask(classes);
        ArgumentOutOfRangeException.ThrowIfNegative(ErosionRadius);
        ArgumentOutOfRangeException.ThrowIfNegative(DilationRadius);
        var erosion = (int)Math.Round(ErosionRadius * scale);
        var dilation = (int)Math.Round(DilationRadius * scale);
        body = BinaryMorphology.Dilate(BinaryMorphology.Erode(body, erosion), dilation);
        if (!KeepLargestComponent)
        {
            return body;
        }

        var spine = new Image<byte>(classes.Width, classes.Height);
        for (var i = 0; i < spine.Pixels.Length; i++)
        {
            spine.Pixels[i] = body.Pixels[i] != 0 || classes.Pixels[i] == SegmentationNetConfig.GapClass ? (byte)255 : (byte)0;
        }

        var largest = ConnectedComponents.KeepLargest(spine);
        for (var i = 0; i < body.Pixels.Length; i++)
        {
            body.Pixels[i] = body.Pixels[i] != 0 && largest.Pixels[i] != 0 ? (byte)255 : (byte)0;
        }

        return body;
    }
}
