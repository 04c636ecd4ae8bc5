namespace SpineKit.Neural.Losses;

/// <summary>
/// Differentiable spatial soft-argmax (DSNT-style): each channel's logits become a softmax over the
/// plane, and the expected pixel coordinates under it are returned as <c>[N, K, 2]</c> (x, y) in pixels.
/// </summary>
public static class SoftArgmax
{
    /// <summary>Expected (x, y) of each channel of <paramref name="logits"/> <c>[N, K, H, W]</c>.</summary>
    public static Tensor Coordinates(Tensor logits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        int n = logits.Size(0), k = logits.Size(1), h = logits.Size(2), w = logits.Size(3);
        var probability = Functional.SpatialSoftmax(logits);
        var xs = new Tensor(Enumerable.Range(0, w).Select(i => (float)i).ToArray(), 1, 1, 1, w);
        var ys = new Tensor(Enumerable.Range(0, h).Select(i => (float)i).ToArray(), 1, 1, h, 1);
        var x = Functional.Sum((probability * xs).Reshape(n, k, h * w), 2).Reshape(n, k, 1);
        var y = Functional.Sum((probability * ys).Reshape(n, k, h * w), 2).Reshape(n, k, 1);
        return Functional.Concat(2, x, y);
    }
}
