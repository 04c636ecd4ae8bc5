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
    /// sampling would alias. Pixels beyond the film take <paramref name="border"/> (the film's mean grey).
    /// </summary>
    public static Image<float> Cut(Image<float> grey, VertebraFrame frame, int size, float border, bool mirrored)
    {
        ArgumentNullException.ThrowIfNull(grey);
        var fine = 2 * size;
        var toCrop = frame.ToCrop(fine);
        if (mirrored)
        {
            toCrop = toCrop.Then(AffineTransform.FlipHorizontal(fine));
        }

        var sampled = AffineWarp.Apply(grey, toCrop, fine, fine, border);
        var crop = new Image<float>(size, size);
        for (var y = 0; y < size; y++)
        {
            ReadOnlySpan<float> upper = sampled.Row(2 * y), lower = sampled.Row((2 * y) + 1);
            var row = crop.Row(y);
            for (var x = 0; x < size; x++)
            {
                row[x] = 0.25f * (upper[2 * x] + upper[(2 * x) + 1] + lower[2 * x] + lower[(2 * x) + 1]);
            }
        }

        return crop;
    }
}
