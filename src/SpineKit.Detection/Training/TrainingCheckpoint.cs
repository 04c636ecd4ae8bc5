using System.Globalization;
using SpineKit.Neural;
using SpineKit.Neural.Persistence;

namespace SpineKit.Detection.Training;

/// <summary>
/// Everything a run needs to continue as if it had never stopped, saved after every epoch as one
/// safetensors file (written to a temporary file and moved, so a kill never leaves half of it): the
/// network's weights (<c>model.*</c>), the averaged weights (<c>average.*</c>), the optimiser's moments
/// (<c>optimizer.*</c>) and, in the metadata, the epoch, the plan, the best score and its epoch, the
/// training seconds spent, the averaging count and the history so far. The random streams need no
/// saving: each epoch draws from its own seed.
/// </summary>
internal sealed record TrainingCheckpoint(
    int Epoch,
    int PlannedEpochs,
    double BestScore,
    int BestEpoch,
    double Seconds,
    bool Finished,
    int AverageUpdates,
    TrainingHistory History,
    IReadOnlyDictionary<string, Tensor> Model,
    IReadOnlyDictionary<string, Tensor> Average,
    IReadOnlyDictionary<string, Tensor> Optimizer)
{
    /// <summary>The format name written in the metadata.</summary>
    public const string Format = "spinekit.training-state/1";

    private const string ModelPrefix = "model.";
    private const string AveragePrefix = "average.";
    private const string OptimizerPrefix = "optimizer.";

    /// <summary>Writes the state for a network of <paramref name="design"/>.</summary>
    public void Save(string path, string design)
    {
        var tensors = Model.Select(p => (ModelPrefix + p.Key, p.Value))
            .Concat(Average.Select(p => (AveragePrefix + p.Key, p.Value)))
            .Concat(Optimizer.Select(p => (OptimizerPrefix + p.Key, p.Value)))
            .ToList();
        var metadata = new Dictionary<string, string>
        {
            ["format"] = Format,
            ["design"] = design,
            ["epoch"] = Epoch.ToString(CultureInfo.InvariantCulture),
            ["planned_epochs"] = PlannedEpochs.ToString(CultureInfo.InvariantCulture),
            ["best_score"] = BestScore.ToString("R", CultureInfo.InvariantCulture),
            ["best_epoch"] = BestEpoch.ToString(CultureInfo.InvariantCulture),
            ["seconds"] = Seconds.ToString("R", CultureInfo.InvariantCulture),
            ["finished"] = Finished ? "true" : "false",
            ["average_updates"] = AverageUpdates.ToString(CultureInfo.InvariantCulture),
            ["history"] = History.ToCsv(),
        };
        SafeTensorsWriter.Write(path, tensors, metadata);
    }

    /// <summary>Reads a checkpoint; anything wrong with it is a <see cref="ModelFormatException"/> that names the file.</summary>
    public static TrainingCheckpoint Load(string path, string design)
    {
        SafeTensorsFile file;
        try
        {
            file = SafeTensorsReader.Read(path);
        }
        catch (ModelFormatException exception)
        {
            throw new ModelFormatException($"the checkpoint {path} cannot be resumed: {exception.Message} (delete it to start again, or use a new --out)");
        }

        string Get(string key) => file.Metadata.TryGetValue(key, out var value)
            ? value
            : throw new ModelFormatException($"the checkpoint {path} cannot be resumed: it has no '{key}' (it is not a {Format} file; it was written by an earlier SpineKit or another program; use a new --out)");
        if (Get("format") != Format)
        {
            throw new ModelFormatException($"the checkpoint {path} is a '{Get("format")}' file, not {Format}; use a new --out");
        }

        if (Get("design") != design)
        {
            throw new ModelFormatException($"the checkpoint {path} was written for another network ({Get("design")}); resume with the same options or use a new --out");
        }

        // A run that diverged saves NaN weights; resuming from them would only train NaN further.
        if (file.Tensors.FirstOrDefault(p => !System.Numerics.Tensors.TensorPrimitives.IsFiniteAll<float>(p.Value.Data)) is { Key: { } bad })
        {
            throw new ModelFormatException($"the checkpoint {path} cannot be resumed: '{bad}' holds NaN or infinite values (the run diverged; lower --lr and start again with a new --out)");
        }

        try
        {
            IReadOnlyDictionary<string, Tensor> Part(string prefix) => file.Tensors
                .Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal))
                .ToDictionary(p => p.Key[prefix.Length..], p => p.Value, StringComparer.Ordinal);
            return new TrainingCheckpoint(
                int.Parse(Get("epoch"), CultureInfo.InvariantCulture),
                int.Parse(Get("planned_epochs"), CultureInfo.InvariantCulture),
                double.Parse(Get("best_score"), CultureInfo.InvariantCulture),
                int.Parse(Get("best_epoch"), CultureInfo.InvariantCulture),
                double.Parse(Get("seconds"), CultureInfo.InvariantCulture),
                Get("finished") == "true",
                int.Parse(Get("average_updates"), CultureInfo.InvariantCulture),
                TrainingHistory.Parse(Get("history")),
                Part(ModelPrefix),
                Part(AveragePrefix),
                Part(OptimizerPrefix));
        }
        catch (FormatException exception)
        {
            throw new ModelFormatException($"the checkpoint {path} cannot be resumed: {exception.Message}");
        }
    }
}
