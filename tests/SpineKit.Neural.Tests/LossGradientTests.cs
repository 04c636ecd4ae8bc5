using SpineKit.Neural.Losses;

namespace SpineKit.Neural.Tests;

/// <summary>Finite-difference checks of every loss with respect to its prediction.</summary>
public sealed class LossGradientTests
{
    public static TheoryData<string> Losses() => ["bce", "bce-weighted", "focal", "mse", "l1", "smoothl1", "dice", "euclidean", "softargmax", "crossentropy"];

    [Theory]
    [MemberData(nameof(Losses))]
    public void Loss(string name)
    {
        var random = new Random(12);
        var logits = GradientCheck.Distinct(random, 2, 3, 4, 5);
        var mask = new Tensor([.. Enumerable.Range(0, logits.Length).Select(_ => random.NextDouble() > 0.7 ? 1f : 0f)], 2, 3, 4, 5);
        var values = Tensor.RandomNormal(random, 1f, 2, 3, 4, 5);
        var points = GradientCheck.Distinct(random, 2, 3, 2);
        var pointTargets = Tensor.RandomUniform(random, 0f, 4f, 2, 3, 2);
        var classes = Enumerable.Range(0, 2 * 4 * 5).Select(_ => random.Next(3)).ToArray();
        Func<Tensor> f = name switch
        {
            "bce" => () => new BceWithLogitsLoss().Forward(logits, mask),
            "bce-weighted" => () => new BceWithLogitsLoss(3f).Forward(logits, mask),
            "focal" => () => new FocalLoss(2f, 0.25f).Forward(logits, mask),
            "mse" => () => new MseLoss().Forward(logits, values),
            "l1" => () => new L1Loss().Forward(logits, values),
            "smoothl1" => () => new SmoothL1Loss(0.5f).Forward(logits, values),
            "dice" => () => new DiceLoss().Forward(logits, mask),
            "euclidean" => () => new EuclideanLoss().Forward(points, pointTargets),
            "softargmax" => () => SoftArgmax.Coordinates(logits),
            _ => () => new CrossEntropyLoss().Forward(logits, classes),
        };
        GradientCheck.Assert(f, [name == "euclidean" ? points : logits]);
    }
}
