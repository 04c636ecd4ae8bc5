using SpineKit.Detection.Inference;
using SpineKit.Detection.Segmentation.Networks;
using SpineKit.Neural;
using SpineKit.Neural.Autograd;
using SpineKit.Neural.Inference;
using SpineKit.Neural.Persistence;

namespace SpineKit.Detection.Segmentation.Inference;

/// <summary>A trained <see cref="SegmentationNet"/> with the metadata of its file (fold, split, training figures).</summary>
public sealed class SegmentationModel
{
    private readonly Lock _gate = new();

    private SegmentationModel(SegmentationNet network, IReadOnlyDictionary<string, string> metadata, string name, ModelFile? source = null)
    {
        Source = source;
        Network = network;
        Metadata = metadata;
        Name = name;
    }

    /// <summary>The network, in evaluation mode.</summary>
    public SegmentationNet Network { get; }

    /// <summary>
    /// The network compiled for inference (batch norms folded, ReLUs fused, buffers reused), for a model loaded from
    /// a file; null for an in-memory model, whose weights may still be changing (training), which runs the layers' Forward.
    /// </summary>
    internal FusedNetwork? Fused { get; private init; }

    /// <summary>The file's metadata (configuration, fold, split seed, validation Dice, training command).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The file the model was loaded from (name and SHA-256), or null for an in-memory model.</summary>
    public ModelFile? Source { get; }

    /// <summary>File name, or a caller-chosen name for an in-memory model.</summary>
    public string Name { get; }

    /// <summary>The network shape.</summary>
    public SegmentationNetConfig Config => Network.Config;

    /// <summary>Metadata key of the calibrated body threshold (<see cref="SegmentationCalibration"/>).</summary>
    public const string BodyThresholdKey = "body_threshold";

    /// <summary>The calibrated body threshold from the metadata, or null for a model without one.</summary>
    public double? BodyThreshold => Metadata.TryGetValue(BodyThresholdKey, out var text)
        && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
        && value is > 0 and < 1
            ? value
            : null;

    /// <summary>Metadata key of the spine strip's tile count the model was trained on (<c>train segmentation --strip-tiles</c>).</summary>
    public const string StripTilesKey = "strip_tiles";

    /// <summary>
    /// The number of spine strip tiles (<see cref="Codecs.SpineStrip"/>) the model was trained on, or null for a model
    /// trained on whole films; inference then votes on that many tiles planned by the landmark stages. A value that is
    /// not a count of 1 to 8 raises <see cref="ModelFormatException"/>.
    /// </summary>
    public int? StripTiles => !Metadata.TryGetValue(StripTilesKey, out var text)
        ? null
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var tiles) && tiles is >= 1 and <= 8
            ? tiles
            : throw new ModelFormatException($"{Name}: '{StripTilesKey}' must be a tile count of 1 to 8, not '{text}'");

    /// <summary>Wraps an in-memory network (switched to evaluation mode).</summary>
    public static SegmentationModel FromNetwork(SegmentationNet network, string name = "in-memory", IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        network.Eval();
        return new SegmentationModel(network, metadata ?? new Dictionary<string, string>(network.Config.ToMetadata()), name);
    }

    /// <summary>Loads a model file; a file that is not a SpineKit segmentation model raises <see cref="ModelFormatException"/>.</summary>
    public static SegmentationModel Load(string path) => Load(path, null);

    /// <summary>Loads a model file whose fused network keeps its maps in <paramref name="arena"/> (shared by an ensemble's models, which run one after another).</summary>
    internal static SegmentationModel Load(string path, InferenceArena? arena)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Segmentation model file not found: {path}", path);
        }

        var file = SafeTensorsReader.Read(path);
        SegmentationNetConfig config;
        try
        {
            config = SegmentationNetConfig.FromMetadata(file.Metadata);
        }
        catch (FormatException exception)
        {
            throw new ModelFormatException($"{Path.GetFileName(path)}: {exception.Message}");
        }

        // Every parameter is overwritten (Apply rejects a file that lacks one), so the seed does not matter.
        var network = new SegmentationNet(config, new Random(0));
        ModuleWeights.Apply(network, file.Tensors);
        network.Eval();
        var model = new SegmentationModel(network, file.Metadata, Path.GetFileName(path), ModelFile.Of(path, file.Metadata))
        {
            Fused = FusedNetwork.Compile(network, 1, arena),
        };

        // A damaged tile count must stop the load, not the first segmentation.
        _ = model.StripTiles;
        return model;
    }

    /// <summary>
    /// Class probabilities <c>[3, H, W]</c> (row-major per class) for one standardised input plane of the
    /// network's input size.
    /// </summary>
    public float[] Probabilities(float[] standardizedInput)
    {
        ArgumentNullException.ThrowIfNull(standardizedInput);
        var config = Config;
        if (standardizedInput.Length != config.InputWidth * config.InputHeight)
        {
            throw new ArgumentException($"Expected {config.InputWidth}x{config.InputHeight} input pixels, got {standardizedInput.Length}.", nameof(standardizedInput));
        }

        float[] logits;
        lock (_gate)
        {
            using (GradMode.NoGrad())
            {
                var input = new Tensor(standardizedInput, 1, 1, config.InputHeight, config.InputWidth);
                logits = (Fused?.Run(input) ?? Network.Forward(input)).Data;
            }
        }

        return ClassProbabilities.Softmax(logits, config.InputWidth * config.InputHeight);
    }
}
