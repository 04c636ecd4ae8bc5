namespace SpineKit.Neural.Inference;

/// <summary>A value of the plan: its storage (possibly longer than needed, buffers are reused) and its NCHW shape.</summary>
internal readonly record struct ValueBuffer(float[] Data, int[] Shape)
{
    /// <summary>Elements the shape holds.</summary>
    public int Length => ShapeLength(Shape);

    /// <summary>The elements, exactly <see cref="Length"/> of them.</summary>
    public Span<float> Span => Data.AsSpan(0, Length);

    /// <summary>Product of the dimensions.</summary>
    public static int ShapeLength(int[] shape)
    {
        var length = 1;
        foreach (var d in shape)
        {
            length *= d;
        }

        return length;
    }
}
