namespace SpineKit.Neural.Tests;

/// <summary>Finite-difference checks of the tensor operations layers and losses are built from.</summary>
public sealed class FunctionalGradientTests
{
    public static TheoryData<string> Operations() =>
        ["sub", "div", "square", "affine", "abs", "exp", "log", "sqrt", "pow", "sum", "mean", "sumdim", "meandim", "reshape", "narrow", "softmax", "logsoftmax", "norm", "smoothl1"];

    [Theory]
    [MemberData(nameof(Operations))]
    public void Operation(string name)
    {
        var random = new Random(11);
        var a = GradientCheck.Distinct(random, 2, 3, 4);
        var b = GradientCheck.Distinct(random, 3, 1);
        var positive = new Tensor([.. a.Data.Select(v => MathF.Abs(v) + 0.5f)], 2, 3, 4) { RequiresGrad = true };
        Func<Tensor> f = name switch
        {
            "sub" => () => a - b,
            "div" => () => a / Functional.Affine(Functional.Abs(b), 1f, 0.5f),
            "square" => () => a * a,
            "affine" => () => (a * 2.5f) - 1f,
            "abs" => () => Functional.Abs(a),
            "exp" => () => Functional.Exp(a),
            "log" => () => Functional.Log(positive),
            "sqrt" => () => Functional.Sqrt(positive),
            "pow" => () => Functional.Pow(positive, 2.5f),
            "sum" => () => a.Sum(),
            "mean" => () => a.Mean(),
            "sumdim" => () => Functional.Sum(a, 1),
            "meandim" => () => Functional.Mean(a, -1, keepDimension: true),
            "reshape" => () => a.Reshape(4, -1) * Functional.Narrow(a.Reshape(4, 6), 1, 0, 6),
            "narrow" => () => Functional.Narrow(a, 2, 1, 2),
            "softmax" => () => Functional.Softmax(a),
            "logsoftmax" => () => Functional.LogSoftmaxClasses(a),
            "norm" => () => Functional.EuclideanNorm(a),
            _ => () => Functional.SmoothL1(a, 0.5f),
        };
        Tensor[] inputs = name switch
        {
            "sub" or "div" => [a, b],
            "log" or "sqrt" or "pow" => [positive],
            _ => [a],
        };
        GradientCheck.Assert(f, inputs);
    }

    [Fact]
    public void ProductOfATensorWithItselfHasTheGradientOfTwoSeparateFactors()
    {
        // x * x takes one in-place path backward; two distinct factors with x's values give the two terms it sums.
        // 2 x 100 x 100 values: large enough for the gradient arrays to come from the backward pass's pool.
        var random = new Random(12);
        var x = GradientCheck.Normal(random, 1f, 2, 100, 100);
        var left = new Tensor((float[])x.Data.Clone(), 2, 100, 100) { RequiresGrad = true };
        var right = new Tensor((float[])x.Data.Clone(), 2, 100, 100) { RequiresGrad = true };
        var weights = Tensor.RandomNormal(random, 1f, 2, 100, 100);
        ((x * x) * weights).Sum().Backward();
        ((left * right) * weights).Sum().Backward();
        var expected = left.Grad!.Data.Zip(right.Grad!.Data, (l, r) => l + r).ToArray();
        Assert.Equal(expected, x.Grad!.Data);
    }
}
