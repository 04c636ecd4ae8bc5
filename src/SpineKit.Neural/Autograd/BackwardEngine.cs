using System.Numerics.Tensors;

namespace SpineKit.Neural.Autograd;

/// <summary>Reverse-mode differentiation over the graph recorded by operations.</summary>
internal static class BackwardEngine
{
    /// <summary>
    /// Attaches <paramref name="backward"/> to <paramref name="result"/> when grad mode is on and any
    /// input needs a gradient; otherwise the result stays a plain leaf.
    /// </summary>
    public static Tensor Record(Tensor result, Tensor[] inputs, Action<float[]> backward)
    {
        if (!GradMode.IsEnabled)
        {
            return result;
        }

        foreach (var input in inputs)
        {
            if (input.RequiresGrad)
            {
                result.Node = new GradNode(inputs, backward);
                break;
            }
        }

        return result;
    }

    /// <summary>
    /// Adds <paramref name="gradient"/> to the pending gradient of <paramref name="tensor"/>. Ownership of
    /// the array passes to the engine: the caller must not hand the same array to another tensor.
    /// </summary>
    public static void Accumulate(Tensor tensor, float[] gradient)
    {
        if (!tensor.RequiresGrad)
        {
            return;
        }

        if (tensor.PendingGrad is null)
        {
            tensor.PendingGrad = gradient;
        }
        else
        {
            // Accumulated in place into the array already pending; the one added is dead and serves a later operation.
            TensorPrimitives.Add(tensor.PendingGrad, gradient, tensor.PendingGrad);
            BufferPool.Return(gradient);
        }
    }

    public static void Run(Tensor root, Tensor? gradient)
    {
        if (!root.RequiresGrad)
        {
            throw new InvalidOperationException("Backward() was called on a tensor that does not require a gradient.");
        }

        float[] seed;
        if (gradient is null)
        {
            if (root.Length != 1)
            {
                throw new InvalidOperationException($"Backward() without a gradient needs a one-element tensor, got shape {Tensor.FormatShape(root.Shape)}.");
            }

            seed = [1f];
        }
        else
        {
            if (!gradient.SameShape(root))
            {
                throw new ArgumentException("The gradient must have the shape of the tensor.", nameof(gradient));
            }

            seed = (float[])gradient.Data.Clone();
        }

        var order = TopologicalOrder(root);
        root.PendingGrad = seed;
        using var buffers = BufferPool.BeginPass();
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var tensor = order[i];
            var pending = tensor.PendingGrad;
            tensor.PendingGrad = null;
            if (tensor.Node is { } node)
            {
                // Release the graph as we go so activations can be collected during the pass.
                tensor.Node = null;
                if (pending is not null)
                {
                    node.Backward(pending);
                    if (!HandedOn(node, pending))
                    {
                        BufferPool.Return(pending);
                    }
                }
            }
            else if (pending is not null)
            {
                if (tensor.Grad is null)
                {
                    tensor.Grad = new Tensor(pending, tensor.Dims);
                    BufferPool.Keep(pending);
                }
                else
                {
                    TensorPrimitives.Add(tensor.Grad.Data, pending, tensor.Grad.Data);
                    BufferPool.Return(pending);
                }
            }
        }
    }

    /// <summary>True when a backward function passed its gradient array on to one of its inputs (which now owns it).</summary>
    private static bool HandedOn(GradNode node, float[] gradient)
    {
        foreach (var input in node.Inputs)
        {
            if (ReferenceEquals(input.PendingGrad, gradient))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Post-order of the graph below <paramref name="root"/>: every tensor after its inputs.</summary>
    private static List<Tensor> TopologicalOrder(Tensor root)
    {
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor Tensor, int NextInput)>();
        stack.Push((root, 0));
        visited.Add(root);
        while (stack.Count > 0)
        {
            var (tensor, next) = stack.Pop();
            var inputs = tensor.Node?.Inputs ?? [];
            if (next < inputs.Length)
            {
                stack.Push((tensor, next + 1));
                var input = inputs[next];
                if (input.RequiresGrad && visited.Add(input))
                {
                    stack.Push((input, 0));
                }
            }
            else
            {
                order.Add(tensor);
            }
        }

        return order;
    }
}
