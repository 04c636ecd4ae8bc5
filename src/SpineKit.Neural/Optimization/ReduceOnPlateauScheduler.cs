namespace SpineKit.Neural.Optimization;

/// <summary>
/// Multiplies the learning rate by <see cref="Factor"/> when a minimised metric has not improved by a
/// relative <see cref="Threshold"/> for more than <see cref="Patience"/> epochs (PyTorch <c>ReduceLROnPlateau</c>, mode min).
/// </summary>
public sealed class ReduceOnPlateauScheduler
{
    private readonly Optimizer _optimizer;
    private double _best = double.PositiveInfinity;
    private int _badEpochs;
    private int _cooldownLeft;

    /// <summary>Creates the schedule.</summary>
    public ReduceOnPlateauScheduler(Optimizer optimizer, float factor = 0.1f, int patience = 10, float threshold = 1e-4f, int cooldown = 0, float minimumLearningRate = 0f)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (factor is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), "The factor must be in (0, 1).");
        }

        _optimizer = optimizer;
        Factor = factor;
        Patience = patience;
        Threshold = threshold;
        Cooldown = cooldown;
        MinimumLearningRate = minimumLearningRate;
    }

    /// <summary>Multiplier applied on a plateau.</summary>
    public float Factor { get; }

    /// <summary>Epochs without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>Relative improvement that counts.</summary>
    public float Threshold { get; }

    /// <summary>Epochs to wait after a reduction before counting again.</summary>
    public int Cooldown { get; }

    /// <summary>The learning rate never goes below this.</summary>
    public float MinimumLearningRate { get; }

    /// <summary>Reports the epoch's <paramref name="metric"/> (lower is better); returns true when the rate was reduced.</summary>
    public bool Step(double metric)
    {
        if (metric < _best * (1 - Threshold))
        {
            _best = metric;
            _badEpochs = 0;
        }
        else
        {
            _badEpochs++;
        }

        if (_cooldownLeft > 0)
        {
            _cooldownLeft--;
            _badEpochs = 0;
        }

        if (_badEpochs <= Patience)
        {
            return false;
        }

        _optimizer.LearningRate = Math.Max(MinimumLearningRate, _optimizer.LearningRate * Factor);
        _cooldownLeft = Cooldown;
        _badEpochs = 0;
        return true;
    }
}
