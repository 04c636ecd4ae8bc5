namespace SpineKit.Neural;

public sealed partial class Tensor
{
    /// <summary>Element-wise sum with broadcasting.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => Functional.Add(a, b);

    /// <summary>Element-wise difference with broadcasting.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => Functional.Subtract(a, b);

    /// <summary>Element-wise product with broadcasting.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => Functional.Multiply(a, b);

    /// <summary>Element-wise quotient with broadcasting.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => Functional.Divide(a, b);

    /// <summary>Adds a constant.</summary>
    public static Tensor operator +(Tensor a, float b) => Functional.Affine(a, 1f, b);

    /// <summary>Subtracts a constant.</summary>
    public static Tensor operator -(Tensor a, float b) => Functional.Affine(a, 1f, -b);

    /// <summary>Multiplies by a constant.</summary>
    public static Tensor operator *(Tensor a, float b) => Functional.Affine(a, b, 0f);

    /// <summary>Multiplies by a constant.</summary>
    public static Tensor operator *(float a, Tensor b) => Functional.Affine(b, a, 0f);

    /// <summary>Divides by a constant.</summary>
    public static Tensor operator /(Tensor a, float b) => Functional.Affine(a, 1f / b, 0f);

    /// <summary>Negation.</summary>
    public static Tensor operator -(Tensor a) => Functional.Affine(a, -1f, 0f);

    /// <summary>A view with a new shape over the same storage; one dimension may be -1 (inferred).</summary>
    public Tensor Reshape(params int[] shape) => Functional.Reshape(this, shape);

    /// <summary>Sum of all elements, shape [1].</summary>
    public Tensor Sum() => Functional.Sum(this);

    /// <summary>Mean of all elements, shape [1].</summary>
    public Tensor Mean() => Functional.Mean(this);
}
