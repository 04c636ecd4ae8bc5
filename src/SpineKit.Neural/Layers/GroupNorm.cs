namespace SpineKit.Neural.Layers;

/// <summary>Group normalisation (same in training and evaluation), PyTorch parameter names <c>weight</c> and <c>bias</c>.</summary>
public sealed class GroupNorm : UnaryModule
{
    /// <summary>Creates the layer with weight 1 and bias 0.</summary>
    public GroupNorm(int groups, int channels, float epsilon = 1e-5f)
    {
        if (groups < 1 || channels % groups != 0)
        {
            throw new ArgumentException($"GroupNorm: {channels} channels cannot be split into {groups} groups.");
        }

        Groups = groups;
        Epsilon = epsilon;
        Weight = RegisterParameter("weight", Tensor.Ones(channels));
        Bias = RegisterParameter("bias", Tensor.Zeros(channels));
    }

    /// <summary>Number of channel groups.</summary>
    public int Groups { get; }

    /// <summary>Added to the variance before the square root.</summary>
    public float Epsilon { get; }

    /// <summary>Scale per channel.</summary>
    public Tensor Weight { get; }

    /// <summary>Shift per channel.</summary>
    public Tensor Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.GroupNorm(input, Groups, Weight, Bias, Epsilon);
}
