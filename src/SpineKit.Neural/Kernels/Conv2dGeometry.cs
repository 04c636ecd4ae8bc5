namespace SpineKit.Neural.Kernels;

/// <summary>
/// Shape and hyper-parameters of one 2-D convolution over NCHW float tensors. Weights are laid out
/// as PyTorch's <c>[OutChannels, InChannels / Groups, KernelHeight, KernelWidth]</c>.
/// </summary>
internal readonly record struct Conv2dGeometry(
    int Batch, int InChannels, int InHeight, int InWidth,
    int OutChannels, int KernelHeight, int KernelWidth,
    int StrideY = 1, int StrideX = 1, int PadY = 0, int PadX = 0,
    int DilationY = 1, int DilationX = 1, int Groups = 1)
{
    /// <summary>Output rows: <c>floor((H + 2p - d(k-1) - 1) / s) + 1</c>, as in PyTorch.</summary>
    public int OutHeight => ((InHeight + (2 * PadY) - (DilationY * (KernelHeight - 1)) - 1) / StrideY) + 1;

    /// <summary>Output columns, same rule as <see cref="OutHeight"/>.</summary>
    public int OutWidth => ((InWidth + (2 * PadX) - (DilationX * (KernelWidth - 1)) - 1) / StrideX) + 1;

    /// <summary>Input channels seen by one group.</summary>
    public int InChannelsPerGroup => InChannels / Groups;

    /// <summary>Output channels produced by one group.</summary>
    public int OutChannelsPerGroup => OutChannels / Groups;

    /// <summary>Number of floats in the input tensor.</summary>
    public int InputLength => Batch * InChannels * InHeight * InWidth;

    /// <summary>Number of floats in the output tensor.</summary>
    public int OutputLength => Batch * OutChannels * OutHeight * OutWidth;

    /// <summary>Number of floats in the weight tensor.</summary>
    public int WeightLength => OutChannels * InChannelsPerGroup * KernelHeight * KernelWidth;

    /// <summary>Multiply-adds of one forward pass times two.</summary>
    public double ForwardFlops => 2.0 * OutputLength * InChannelsPerGroup * KernelHeight * KernelWidth;

    /// <summary>Throws unless the geometry describes a valid convolution.</summary>
    public void Validate()
    {
        if (Batch < 1 || InChannels < 1 || InHeight < 1 || InWidth < 1 || OutChannels < 1 || KernelHeight < 1 || KernelWidth < 1
            || StrideY < 1 || StrideX < 1 || PadY < 0 || PadX < 0 || DilationY < 1 || DilationX < 1 || Groups < 1
            || InChannels % Groups != 0 || OutChannels % Groups != 0 || OutHeight < 1 || OutWidth < 1)
        {
            throw new ArgumentException($"Invalid convolution geometry: {this}.");
        }
    }
}
