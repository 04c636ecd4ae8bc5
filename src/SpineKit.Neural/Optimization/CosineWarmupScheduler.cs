namespace SpineKit.Neural.Optimization;

/// <summary>
/// Linear warm-up from 0 to the initial learning rate over <see cref="WarmupSteps"/>, then cosine decay to
/// <see cref="MinimumLearningRate"/> at <see cref="TotalSteps"/> (held there afterwards).
/// </summary>
public sealed class CosineWarmupScheduler
{
    private readonly Optimizer _optimizer;
    private int _step;

    /// <summary>Creates the schedule and sets the learning rate for step 0.</summary>
    public CosineWarmupScheduler(Optimizer optimizer, int warmupSteps, int totalSteps, float minimumLearningRate = 0f)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (warmupSteps < 0 || totalSteps <= warmupSteps)
        {
            throw new ArgumentException("Need 0 <= warmupSteps < totalSteps.");
        }

        _optimizer = optimizer;
        WarmupSteps = warmupSteps;
        TotalSteps = totalSteps;
        MinimumLearningRate = minimumLearningRate;
        _optimizer.LearningRate = RateAt(0);
    }

    /// <summary>Steps of linear warm-up.</summary>
    public int WarmupSteps { get; }

    /// <summary>Step at which the cosine reaches its minimum.</summary>
    public int TotalSteps { get; }

    /// <summary>Final learning rate.</summary>
    public float MinimumLearningRate { get; }

    /// <summary>The learning rate the schedule gives at <paramref name="step"/>.</summary>
    public float RateAt(int step)
    {
        var peak = _optimizer.InitialLearningRate;
        if (step < WarmupSteps)
        {
            return peak * (step + 1) / (WarmupSteps + 1);
        }

        var progress = Math.Min(1.0, (double)(step - WarmupSteps) / (TotalSteps - WarmupSteps));
        return (float)(MinimumLearningRate + ((peak - MinimumLearningRate) * 0.5 * (1 + Math.Cos(Math.PI * progress))));
    }

    /// <summary>Call once per optimiser step.</summary>
    public void Step() => _optimizer.LearningRate = RateAt(++_step);
}
