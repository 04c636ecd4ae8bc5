namespace SpineKit.Neural.Kernels;

/// <summary>Shape of an image stored with a zero border: planes of <see cref="Height"/> rows of <see cref="Width"/> floats.</summary>
internal readonly record struct PaddedLayout(int Height, int Width)
{
    /// <summary>Floats per channel plane.</summary>
    public int Plane => Height * Width;
}
