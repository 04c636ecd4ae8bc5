namespace SpineKit.Neural.Inference;

/// <summary>
/// One operation of a <see cref="FusedNetwork"/>: reads the buffers of its input values and writes its output
/// value's buffer, which the plan of the current input shape owns (so a step allocates nothing per call).
/// </summary>
internal abstract class InferenceStep(int[] inputs, int output)
{
    /// <summary>Indices of the values read.</summary>
    public int[] Inputs { get; protected set; } = inputs;

    /// <summary>Index of the value written.</summary>
    public int Output { get; } = output;

    /// <summary>Whether the output is the first input's buffer re-viewed (a reshape): no work, no buffer of its own.</summary>
    public virtual bool IsView => false;

    /// <summary>The output's shape for these input shapes; throws <see cref="ArgumentException"/> when they do not fit.</summary>
    public abstract int[] OutputShape(int[][] inputShapes);

    /// <summary>Computes the output; each buffer holds at least its shape's element count.</summary>
    public abstract void Run(ValueBuffer[] inputs, ValueBuffer output);
}
