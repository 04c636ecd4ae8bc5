using System.Numerics.Tensors;
using SpineKit.Neural.Autograd;
using SpineKit.Neural.Kernels;

namespace SpineKit.Neural;

/// <summary>
/// Differentiable tensor operations. Each records its backward function when grad mode is on and an
/// input requires a gradient; layers in <c>Layers/</c> are thin wrappers holding parameters.
/// </summary>
public static partial class Functional
{
    /// <summary>Element-wise <c>a + b</c> with broadcasting.</summary>
    public static Tensor Add(Tensor a, Tensor b) => Binary(a, b, BinaryKind.Add);

    /// <summary>Element-wise <c>a - b</c> with broadcasting.</summary>
    public static Tensor Subtract(Tensor a, Tensor b) => Binary(a, b, BinaryKind.Subtract);

    /// <summary>Element-wise <c>a * b</c> with broadcasting.</summary>
    public static Tensor Multiply(Tensor a, Tensor b) => Binary(a, b, BinaryKind.Multiply);

    /// <summary>Element-wise <c>a / b</c> with broadcasting.</summary>
    public static Tensor Divide(Tensor a, Tensor b) => Binary(a, b, BinaryKind.Divide);

    /// <summary><c>scale * x + shift</c> for scalar <paramref name="scale"/> and <paramref name="shift"/>.</summary>
    public static Tensor Affine(Tensor x, float scale, float shift)
    {
        var output = Storage.Uninitialized(x.Length);
        AffineKernel.Apply(x.Data, scale, shift, output);
        return BackwardEngine.Record(new Tensor(output, x.Dims), [x], g =>
        {
            TensorPrimitives.Multiply(g, scale, g);
            BackwardEngine.Accumulate(x, g);
        });
    }

    /// <summary>Element-wise square.</summary>
    public static Tensor Square(Tensor x) => Multiply(x, x);

    /// <summary>Element-wise absolute value (gradient 0 at 0, as PyTorch).</summary>
    public static Tensor Abs(Tensor x)
    {
        var output = Storage.Uninitialized(x.Length);
        TensorPrimitives.Abs(x.Data, output);
        return BackwardEngine.Record(new Tensor(output, x.Dims), [x], g =>
        {
            for (var i = 0; i < g.Length; i++)
            {
                g[i] *= MathF.Sign(x.Data[i]);
            }

            BackwardEngine.Accumulate(x, g);
        });
    }

    /// <summary>Element-wise natural exponential.</summary>
    public static Tensor Exp(Tensor x)
    {
        var output = Storage.Uninitialized(x.Length);
        TensorPrimitives.Exp(x.Data, output);
        return BackwardEngine.Record(new Tensor(output, x.Dims), [x], g =>
        {
            TensorPrimitives.Multiply(g, output, g);
            BackwardEngine.Accumulate(x, g);
        });
    }

    /// <summary>Element-wise natural logarithm.</summary>
    public static Tensor Log(Tensor x)
    {
        var output = Storage.Uninitialized(x.Length);
        TensorPrimitives.Log(x.Data, output);
        return BackwardEngine.Record(new Tensor(output, x.Dims), [x], g =>
        {
            TensorPrimitives.Divide(g, x.Data, g);
            BackwardEngine.Accumulate(x, g);
        });
    }

    /// <summary>Element-wise square root.</summary>
    public static Tensor Sqrt(Tensor x)
    {
        var output = Storage.Uninitialized(x.Length);
        TensorPrimitives.Sqrt(x.Data, output);
        return BackwardEngine.Record(new Tensor(output, x.Dims), [x], g =>
        {
            for (var i = 0; i < g.Length; i++)
            {
                g[i] *= 0.5f / output[i];
            }

            BackwardEngine.Accumulate(x, g);
        });
    }

    private enum BinaryKind
    {
        Add,
        Subtract,
        Multiply,
        Divide,
    }

    private static Tensor Binary(Tensor a, Tensor b, BinaryKind kind)
    {
        var shape = Broadcasting.ResultShape(a.Dims, b.Dims);
        var left = Broadcasting.Expand(a.Data, a.Dims, shape);
        var right = Broadcasting.Expand(b.Data, b.Dims, shape);
        var output = Storage.Uninitialized(left.Length);
        switch (kind)
        {
            case BinaryKind.Add: TensorPrimitives.Add(left, right, output); break;
            case BinaryKind.Subtract: TensorPrimitives.Subtract(left, right, output); break;
            case BinaryKind.Multiply: TensorPrimitives.Multiply(left, right, output); break;
            default: TensorPrimitives.Divide(left, right, output); break;
        }

        return BackwardEngine.Record(new Tensor(output, shape), [a, b], g =>
        {
            float[]? ga = null, gb = null;
            switch (kind)
            {
                case BinaryKind.Add:
                    ga = a.RequiresGrad ? (float[])g.Clone() : null;
                    gb = b.RequiresGrad ? g : null;
                    break;
                case BinaryKind.Subtract:
                    ga = a.RequiresGrad ? (float[])g.Clone() : null;
                    if (b.RequiresGrad)
                    {
                        TensorPrimitives.Negate(g, g);
                        gb = g;
                    }

                    break;
                case BinaryKind.Multiply when ReferenceEquals(a, b):
                    // x * x: both gradients are g * x and sum to their double, computed in place without the second
                    // array and the accumulation pass (the same bits as adding two copies while x has no gradient yet;
                    // onto an existing one, P + 2g may round differently from (P + g) + g).
                    TensorPrimitives.Multiply(g, left, g);
                    TensorPrimitives.Add(g, g, g);
                    ga = g;
                    break;
                case BinaryKind.Multiply:
                    if (a.RequiresGrad)
                    {
                        ga = BufferPool.Rent(g.Length);
                        TensorPrimitives.Multiply(g, right, ga);
                    }

                    if (b.RequiresGrad)
                    {
                        TensorPrimitives.Multiply(g, left, g);
                        gb = g;
                    }

                    break;
                default:
                    if (a.RequiresGrad)
                    {
                        ga = BufferPool.Rent(g.Length);
                        TensorPrimitives.Divide(g, right, ga);
                    }

                    if (b.RequiresGrad)
                    {
                        // d(a/b)/db = -a / b^2 = -output / b
                        TensorPrimitives.Multiply(g, output, g);
                        TensorPrimitives.Divide(g, right, g);
                        TensorPrimitives.Negate(g, g);
                        gb = g;
                    }

                    break;
            }

            if (ga is not null)
            {
                BackwardEngine.Accumulate(a, Broadcasting.SumTo(ga, shape, a.Dims));
            }

            if (gb is not null)
            {
                BackwardEngine.Accumulate(b, Broadcasting.SumTo(gb, shape, b.Dims));
            }
        });
    }
}
