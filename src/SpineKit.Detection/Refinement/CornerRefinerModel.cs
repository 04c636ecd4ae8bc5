using SpineKit.Detection.Inference;
using SpineKit.Neural;
using SpineKit.Neural.Inference;
using SpineKit.Neural.Persistence;

namespace SpineKit.Detection.Refinement;

/// <summary>
/// A trained <see cref="CornerRefinerNet"/> with its design read from the model file's metadata. Loading
/// validates the file; a bad one raises <see cref="ModelFormatException"/> saying what is wrong.
/// </summary>
public sealed class CornerRefinerModel
{
    private CornerRefinerModel(CornerRefinerNet network, IReadOnlyDictionary<string, string> metadata, ModelFile? source)
    {
        Network = network;
        Metadata = metadata;
        Source = source;
    }

    /// <summary>The network, in evaluation mode.</summary>
    internal CornerRefinerNet Network { get; }

    /// <summary>
    /// The network compiled for inference (batch norms folded, ReLUs fused, buffers reused), for a model loaded from
    /// a file; null for an in-memory model, whose weights may still be changing (training), which runs the layers' Forward.
    /// </summary>
    internal FusedNetwork? Fused { get; private init; }

    /// <summary>All metadata stored with the weights.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The file the model was loaded from, or null for an in-memory model.</summary>
    public ModelFile? Source { get; }

    /// <summary>The design of <see cref="Network"/>.</summary>
    public CornerRefinerConfig Config => Network.Config;

    /// <summary>Wraps a network that is already in memory (during training).</summary>
    internal static CornerRefinerModel FromNetwork(CornerRefinerNet network) => new(network, network.Config.ToMetadata(), null);

    /// <summary>Reads a model file written by the refiner trainer.</summary>
    public static CornerRefinerModel Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Model file not found: {path}", path);
        }

        var file = SafeTensorsReader.Read(path);
        CornerRefinerConfig config;
        try
        {
            config = CornerRefinerConfig.FromMetadata(file.Metadata);
        }
        catch (FormatException exception)
        {
            throw new ModelFormatException($"{Path.GetFileName(path)}: {exception.Message}");
        }

        var network = new CornerRefinerNet(config, new Random(0));
        ModuleWeights.Apply(network, file.Tensors);
        network.Eval();
        return new CornerRefinerModel(network, file.Metadata, ModelFile.Of(path, file.Metadata))
        {
            Fused = FusedNetwork.Compile(network, 1),
        };
    }
}
