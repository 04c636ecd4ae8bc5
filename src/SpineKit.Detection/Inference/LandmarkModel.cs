using SpineKit.Anatomy;
using SpineKit.Detection.Networks;
using SpineKit.Neural;
using SpineKit.Neural.Inference;
using SpineKit.Neural.Persistence;

namespace SpineKit.Detection.Inference;

/// <summary>
/// A trained landmark network with everything needed to run it: the configuration and levels from
/// the model file's metadata, and the weights. Loading validates the file; a bad one raises
/// <see cref="ModelFormatException"/> with a message that says what is wrong.
/// </summary>
public sealed class LandmarkModel
{
    private LandmarkModel(VertebraNet network, VertebraLevel firstLevel, int levelCount, IReadOnlyDictionary<string, string> metadata, ModelFile? source = null)
    {
        Source = source;
        Network = network;
        FirstLevel = firstLevel;
        LevelCount = levelCount;
        Metadata = metadata;
    }

    /// <summary>The network, in evaluation mode.</summary>
    public VertebraNet Network { get; }

    /// <summary>
    /// The network compiled for inference (batch norms folded, ReLUs fused, buffers reused), for a model loaded from
    /// a file; null for an in-memory model, whose weights may still be changing (training), which runs the layers' Forward.
    /// </summary>
    internal FusedNetwork? Fused { get; private init; }

    /// <summary>The file the model was loaded from (name and SHA-256), or null for an in-memory model.</summary>
    public ModelFile? Source { get; }

    /// <summary>The topmost level the model finds (T1 for the AASCE model).</summary>
    public VertebraLevel FirstLevel { get; }

    /// <summary>How many consecutive levels it finds (17 for T1..L5).</summary>
    public int LevelCount { get; }

    /// <summary>All metadata stored with the weights (training command, validation figures, ...).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The configuration of <see cref="Network"/>.</summary>
    public VertebraNetConfig Config => Network.Config;

    /// <summary>Metadata key set to "1" by the trainer for a model trained with field-of-view augmentation.</summary>
    public const string FieldOfViewKey = "field_of_view";

    /// <summary>Whether the model estimates levels and was trained on any field of view (its chains use <see cref="PostProcessing.ChainPrior.FieldOfView"/>).</summary>
    public bool IsFieldOfViewModel => Config.LevelChannel && Metadata.TryGetValue(FieldOfViewKey, out var value) && value == "1";

    /// <summary>Wraps a network that is already in memory (e.g. during training).</summary>
    public static LandmarkModel FromNetwork(VertebraNet network, VertebraLevel firstLevel, int levelCount, IReadOnlyDictionary<string, string>? metadata = null) =>
        new(network, firstLevel, levelCount, metadata ?? new Dictionary<string, string>());

    /// <summary>Reads a model file written by the landmark trainer.</summary>
    public static LandmarkModel Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Model file not found: {path}", path);
        }

        var file = SafeTensorsReader.Read(path);
        VertebraNetConfig config;
        VertebraLevel firstLevel;
        int levelCount;
        try
        {
            config = VertebraNetConfig.FromMetadata(file.Metadata);
            firstLevel = file.Metadata.TryGetValue("first_level", out var first) && VertebraLevels.TryParse(first, out var parsed)
                ? parsed.Value
                : throw new FormatException("The model file's metadata has no valid 'first_level'.");
            levelCount = file.Metadata.TryGetValue("level_count", out var count) && int.TryParse(count, out var n) && n is > 0 and <= 30
                ? n
                : throw new FormatException("The model file's metadata has no valid 'level_count'.");
        }
        catch (FormatException exception)
        {
            throw new ModelFormatException($"{Path.GetFileName(path)}: {exception.Message}");
        }

        // The weights overwrite every parameter, so the seed only matters for a file that lacks some: which Apply rejects.
        var network = new VertebraNet(config, new Random(0));
        ModuleWeights.Apply(network, file.Tensors);
        network.Eval();
        return new LandmarkModel(network, firstLevel, levelCount, file.Metadata, ModelFile.Of(path, file.Metadata))
        {
            Fused = FusedNetwork.Compile(network, config.InputChannels),
        };
    }

    /// <summary>Metadata entries that describe the levels, for <see cref="Load"/> to read back.</summary>
    public static Dictionary<string, string> LevelMetadata(VertebraLevel firstLevel, int levelCount) => new()
    {
        ["first_level"] = VertebraLevels.Name(firstLevel),
        ["level_count"] = levelCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
