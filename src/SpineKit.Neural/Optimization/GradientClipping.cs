namespace SpineKit.Neural.Optimization;

/// <summary>Rescaling of gradients before an optimiser step.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales all gradients so their joint L2 norm is at most <paramref name="maxNorm"/> (PyTorch
    /// <c>clip_grad_norm_</c>); returns the norm before clipping.
    /// </summary>
    public static double ClipByNorm(IEnumerable<Tensor> parameters, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var grads = parameters.Select(p => p.Grad).OfType<Tensor>().ToList();
        double squares = 0;
        foreach (var g in grads)
        {
            foreach (var v in g.Data)
            {
                squares += (double)v * v;
            }
        }

        var norm = Math.Sqrt(squares);
        var coefficient = maxNorm / (norm + 1e-6);
        if (coefficient < 1)
        {
            foreach (var g in grads)
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(g.Data, (float)coefficient, g.Data);
            }
        }

        return norm;
    }

    /// <summary>Clamps every gradient element to <c>[-limit, limit]</c>.</summary>
    public static void ClipByValue(IEnumerable<Tensor> parameters, float limit)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var g in parameters.Select(p => p.Grad).OfType<Tensor>())
        {
            System.Numerics.Tensors.TensorPrimitives.Clamp(g.Data, -limit, limit, g.Data);
        }
    }
}
