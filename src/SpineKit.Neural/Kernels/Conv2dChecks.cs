namespace SpineKit.Neural.Kernels;

/// <summary>Argument checks shared by the convolution paths: the geometry must be valid and every span long enough.</summary>
internal static class Conv2dChecks
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first span that does not match <paramref name="g"/>.</summary>
    public static void Validate(in Conv2dGeometry g, int inputLength, int weightLength, int outputLength, int biasLength)
    {
        g.Validate();
        long input = (long)g.Batch * g.InChannels * g.InHeight * g.InWidth;
        long output = (long)g.Batch * g.OutChannels * g.OutHeight * g.OutWidth;
        long weight = (long)g.OutChannels * g.InChannelsPerGroup * g.KernelHeight * g.KernelWidth;
        if (input > int.MaxValue || output > int.MaxValue || weight > int.MaxValue)
        {
            throw new ArgumentException($"Convolution tensors of {g} exceed 2^31 elements.");
        }

        Require("input", inputLength, input);
        Require("weight", weightLength, weight);
        Require("output", outputLength, output);
        if (biasLength != 0)
        {
            Require("bias", biasLength, g.OutChannels);
        }
    }

    private static void Require(string name, int actual, long expected)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"Convolution {name} has {actual} values; the geometry needs {expected}.");
        }
    }
}
