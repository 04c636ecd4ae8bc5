namespace SpineKit.Neural.Optimization;

/// <summary>Multiplies the learning rate by <see cref="Gamma"/> every <see cref="StepSize"/> epochs (PyTorch <c>StepLR</c>).</summary>
public sealed class StepScheduler
{
    private readonly Optimizer _optimizer;
    private int _epoch;

    /// <summary>Creates the schedule for <paramref name="optimizer"/>.</summary>
    public StepScheduler(Optimizer optimizer, int stepSize, float gamma = 0.1f)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepSize, 1);
        _optimizer = optimizer;
        StepSize = stepSize;
        Gamma = gamma;
    }

    /// <summary>Epochs between decays.</summary>
    public int StepSize { get; }

    /// <summary>Decay factor.</summary>
    public float Gamma { get; }

    /// <summary>Call once per epoch, after the optimiser steps.</summary>
    public void Step()
    {
        _epoch++;
        _optimizer.LearningRate = (float)(_optimizer.InitialLearningRate * Math.Pow(Gamma, _epoch / StepSize));
    }
}
