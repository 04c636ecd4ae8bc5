using SpineKit.Detection.Inference;
using SpineKit.Neural;
using SpineKit.Neural.Inference;
using SpineKit.Neural.Persistence;

namespace SpineKit.Detection.LevelNaming;

/// <summary>
/// A trained <see cref="LevelClassifierNet"/> with its design read from the model file's metadata. Loading
/// validates the file; a bad one raises <see cref="ModelFormatException"/> saying what is wrong.
/// </summary>
public sealed class LevelClassifierModel
{
    private LevelClassifierModel(LevelClassifierNet network, IReadOnlyDictionary<string, string> metadata, ModelFile? source)
    {
        Network = network;
        Metadata = metadata;
        Source = source;
    }

    /// <summary>The network, in evaluation mode.</summary>
    internal LevelClassifierNet Network { get; }

    /// <summary>All metadata stored with the weights.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The file the model was loaded from, or null for an in-memory model.</summary>
    public ModelFile? Source { get; }

    /// <summary>The network compiled for inference (batch norms folded, buffers planned); null for an in-memory model under training.</summary>
    internal FusedNetwork? Fused { get; private init; }

    /// <summary>The design of <see cref="Network"/>.</summary>
    public LevelClassifierConfig Config => Network.Config;

    /// <summary>Wraps a network that is already in memory (during training).</summary>
    internal static LevelClassifierModel FromNetwork(LevelClassifierNet network) => new(network, network.Config.ToMetadata(), null);

    /// <summary>Reads a model file written by the level classifier trainer.</summary>
    public static LevelClassifierModel Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Model file not found: {path}", path);
        }

        var file = SafeTensorsReader.Read(path);
        LevelClassifierConfig config;
        try
        {
            config = LevelClassifierConfig.FromMetadata(file.Metadata);
        }
        catch (FormatException exception)
        {
            throw new ModelFormatException($"{Path.GetFileName(path)}: {exception.Message}");
        }

        var network = new LevelClassifierNet(config, new Random(0));
        ModuleWeights.Apply(network, file.Tensors);
        network.Eval();
        return new LevelClassifierModel(network, file.Metadata, ModelFile.Of(path, file.Metadata))
        {
            Fused = FusedNetwork.Compile(network, 1),
        };
    }
}
