using System.Numerics;
using SpineKit.Detection.Refinement;
using SpineKit.Imaging;
using SpineKit.Imaging.Transforms;

namespace SpineKit.Detection.LevelNaming;

/// <summary>Cuts the level classifier's wide crops out of a film, the same way for training and inference.</summary>
internal static class LevelCrops
{
    /// <summary>
    /// The <paramref name="size"/>-square crop of <paramref name="frame"/>, optionally mirrored: sampled at twice the
    /// size and averaged down, because a crop five vertebrae wide shrinks the film several times and plain bilinear
    /// sampling would alias (the fine samples are averaged row by row, never held as a whole image). Pixels beyond
    /// the film take <paramref name="border"/> (the film's mean grey). <paramref name="verticalStretch"/> scales the
    /// crop's content along the vertebra's axis about its centre (training augmentation; 1 at inference).
    /// </summary>
    public static Image<float> Cut(Image<float> grey, VertebraFrame frame, int size, float border, bool mirrored, double verticalStretch = 1)
    {
        ArgumentNullException.ThrowIfNull(grey);
        var fine = 2 * size;
        var toCrop = frame.ToCrop(fine);
        if (verticalStretch != 1)
        {
            toCrop = toCrop.Then(AffineTransform.Scale(1, verticalStretch, new Vector2(fine / 2f, fine / 2f)));
        }
        if (mirrored)
        {
            toCrop = toCrop.Then(AffineTransform.FlipHorizontal(fine));
        }

        return AffineWarp.ApplyBoxAveraged(grey, toCrop, size, size, 2, border);
    }
}
