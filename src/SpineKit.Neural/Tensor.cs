using System.Globalization;
using SpineKit.Neural.Autograd;

namespace SpineKit.Neural;

/// <summary>
/// A dense float32 tensor stored contiguously in row-major (NCHW for images) order, with optional
/// reverse-mode gradient tracking. Tensors need no disposal: storage is ordinary managed memory and
/// the recorded graph is released as soon as <see cref="Backward"/> has run.
/// </summary>
public sealed partial class Tensor
{
    private readonly int[] _shape;
    private bool _requiresGrad;

    /// <summary>Wraps <paramref name="data"/> (not copied) as a tensor of <paramref name="shape"/>.</summary>
    public Tensor(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        _shape = (int[])shape.Clone();
        var length = ShapeLength(_shape);
        if (length != data.Length)
        {
            throw new ArgumentException($"Shape {FormatShape(_shape)} needs {length} values but {data.Length} were given.", nameof(data));
        }

        Data = data;
    }

    /// <summary>The extent of each dimension.</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>The contiguous storage; writing to it changes the tensor (and every view sharing it).</summary>
    public float[] Data { get; }

    /// <summary>Number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>Number of elements.</summary>
    public int Length => Data.Length;

    /// <summary>
    /// Whether gradients flow to this tensor. Settable on leaves (parameters, inputs); always true for
    /// results of recorded operations.
    /// </summary>
    public bool RequiresGrad
    {
        get => _requiresGrad || Node is not null;
        set
        {
            if (Node is not null)
            {
                throw new InvalidOperationException("RequiresGrad can only be set on leaf tensors, not on the result of an operation.");
            }

            _requiresGrad = value;
        }
    }

    /// <summary>Accumulated gradient of a leaf after <see cref="Backward"/>; null before the first backward pass.</summary>
    public Tensor? Grad { get; set; }

    /// <summary>True when the tensor was not produced by a recorded operation.</summary>
    public bool IsLeaf => Node is null;

    /// <summary>The operation that produced this tensor, while its graph is alive.</summary>
    internal GradNode? Node { get; set; }

    /// <summary>Gradient being accumulated for this tensor during a backward pass.</summary>
    internal float[]? PendingGrad { get; set; }

    internal int[] Dims => _shape;

    /// <summary>Extent of dimension <paramref name="dimension"/>; negative values count from the end.</summary>
    public int Size(int dimension) => _shape[dimension < 0 ? dimension + _shape.Length : dimension];

    /// <summary>The single value of a one-element tensor.</summary>
    public float Item()
    {
        if (Data.Length != 1)
        {
            throw new InvalidOperationException($"Item() needs a one-element tensor, this one has shape {FormatShape(_shape)}.");
        }

        return Data[0];
    }

    /// <summary>A tensor sharing this storage but cut from the graph (no gradient flows through it).</summary>
    public Tensor Detach() => new(Data, _shape);

    /// <summary>A deep copy of the values, detached from the graph.</summary>
    public Tensor Clone() => new((float[])Data.Clone(), _shape);

    /// <summary>
    /// Back-propagates from this one-element tensor (or with <paramref name="gradient"/> of the same shape),
    /// accumulating into <see cref="Grad"/> of every leaf that requires it, then frees the graph.
    /// </summary>
    public void Backward(Tensor? gradient = null) => BackwardEngine.Run(this, gradient);

    /// <summary>Returns a human-readable summary: shape and the first few values.</summary>
    public override string ToString()
    {
        var preview = string.Join(", ", Data.Take(6).Select(v => v.ToString("G6", CultureInfo.InvariantCulture)));
        return $"Tensor{FormatShape(_shape)} [{preview}{(Data.Length > 6 ? ", ..." : string.Empty)}]";
    }

    internal static int ShapeLength(ReadOnlySpan<int> shape)
    {
        long length = 1;
        foreach (var d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"Negative dimension in shape {FormatShape(shape.ToArray())}.");
            }

            length *= d;
            if (length > Array.MaxLength)
            {
                throw new ArgumentException($"Shape {FormatShape(shape.ToArray())} is too large for one tensor.");
            }
        }

        return (int)length;
    }

    internal static string FormatShape(IEnumerable<int> shape) => "[" + string.Join(", ", shape) + "]";

    internal bool SameShape(Tensor other) => _shape.AsSpan().SequenceEqual(other._shape);
}
