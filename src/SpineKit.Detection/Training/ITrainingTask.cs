using SpineKit.Neural;
using SpineKit.Neural.Layers;

namespace SpineKit.Detection.Training;

/// <summary>
/// What one model plugs into <see cref="TrainingLoop"/>: its network, how a batch becomes a loss, how a
/// model is validated and what its model file records. The loop owns everything else (order, seeds,
/// optimiser, schedule, averaging, checkpoints, history, budget, best-model choice).
/// </summary>
internal interface ITrainingTask
{
    /// <summary>The network being trained.</summary>
    Module Network { get; }

    /// <summary>Training examples per epoch (the loop shuffles their indices).</summary>
    int ExampleCount { get; }

    /// <summary>Names of the loss parts <see cref="Loss"/> reports besides the total (history columns).</summary>
    IReadOnlyList<string> LossTerms { get; }

    /// <summary>Names of the validation figures (history columns), in the order of <see cref="EpochValidation.Values"/>.</summary>
    IReadOnlyList<string> ValidationColumns { get; }

    /// <summary>Whether a larger <see cref="EpochValidation.Score"/> is better (Dice) or a smaller one (an error in pixels).</summary>
    bool HigherScoreIsBetter { get; }

    /// <summary>A text that identifies the network's design; a checkpoint written for another design is refused.</summary>
    string Design { get; }

    /// <summary>
    /// The loss of one batch (augmented with one seed per example, so threads cannot change it) and its
    /// parts in the order of <see cref="LossTerms"/>.
    /// </summary>
    (Tensor Loss, double[] Terms) Loss(IReadOnlyList<int> batch, IReadOnlyList<int> seeds);

    /// <summary>A fresh module of the network's design, which receives the averaged weights to validate and save.</summary>
    Module CreateAverageModule();

    /// <summary>Validates <paramref name="model"/> (the averaged weights, or the network itself when nothing is averaged).</summary>
    EpochValidation Validate(Module model);

    /// <summary>The metadata of the model file written for the best epoch.</summary>
    IReadOnlyDictionary<string, string> ModelMetadata(int epoch, EpochValidation validation);
}
