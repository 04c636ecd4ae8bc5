using System.Globalization;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Networks;

namespace SpineKit.Detection.Refinement;

/// <summary>
/// The design of a <see cref="CornerRefinerNet"/> and of its crops: the crop side at the network input, how much
/// larger than the vertebra the crop is (so both endplates and part of the neighbours are in view) and the
/// channel widths of the four encoder stages.
/// </summary>
/// <param name="CropSize">Side of the square network input in pixels (a multiple of 16).</param>
/// <param name="Context">Crop side over the larger of the vertebra's width and height (the two-step study used +70 %).</param>
/// <param name="EncoderWidths">Channels of the four encoder stages (strides 2, 4, 8, 16).</param>
/// <param name="DecoderWidth">Channels of the decoder back to stride 4 (heatmaps) or of the 1x1 reduction before the fully connected layer (regression).</param>
public sealed record CornerRefinerConfig(int CropSize, double Context, IReadOnlyList<int> EncoderWidths, int DecoderWidth)
{
    /// <summary>The output heatmaps' stride relative to the crop.</summary>
    public const int OutputStride = 4;

    /// <summary>The network name written into model files.</summary>
    public const string NetworkName = "CornerRefinerNet";

    /// <summary>The shipped design: 128-pixel crops 1.7 times the vertebra, encoder 16-32-64-128, decoder 32.</summary>
    public static CornerRefinerConfig Default { get; } = new(128, 1.7, [16, 32, 64, 128], 32);

    /// <summary>How the corners are read out of the features (model files that predate this entry are heatmap refiners).</summary>
    public CornerRefinerHead Head { get; init; } = CornerRefinerHead.Heatmaps;

    /// <summary>
    /// How each crop is normalised before the network sees it: standardised (the shipped design), or equalised by
    /// CLAHE on 4x4 tiles first (model files that predate this entry are standardised).
    /// </summary>
    public InputNormalization Normalization { get; init; } = InputNormalization.Standardize;

    /// <summary>Side of the output heatmaps.</summary>
    public int OutputSize => CropSize / OutputStride;

    /// <summary>Throws <see cref="ArgumentException"/> for a design the network cannot be built with.</summary>
    public void Validate()
    {
        if (CropSize < 32 || CropSize % 16 != 0 || EncoderWidths.Count != 4 || EncoderWidths.Any(w => w < 1) || DecoderWidth < 1 || !(Context is >= 1 and <= 4) || !Enum.IsDefined(Head) || !Enum.IsDefined(Normalization))
        {
            throw new ArgumentException($"Invalid refiner configuration {Describe()}: the crop must be a multiple of 16 (at least 32), four encoder widths, context 1-4, a known head and normalisation.");
        }
    }

    /// <summary>Metadata entries that let <see cref="FromMetadata"/> rebuild the design.</summary>
    public IReadOnlyDictionary<string, string> ToMetadata() => new Dictionary<string, string>
    {
        ["network"] = NetworkName,
        ["crop_size"] = CropSize.ToString(CultureInfo.InvariantCulture),
        ["crop_context"] = Context.ToString("R", CultureInfo.InvariantCulture),
        ["encoder_widths"] = string.Join(",", EncoderWidths.Select(w => w.ToString(CultureInfo.InvariantCulture))),
        ["decoder_width"] = DecoderWidth.ToString(CultureInfo.InvariantCulture),
        ["output_stride"] = OutputStride.ToString(CultureInfo.InvariantCulture),
        ["head"] = HeadName(Head),
        ["input_normalization"] = InputNormalizationNames.Name(Normalization),
    };

    /// <summary>The name of <paramref name="head"/> in model files and on the command line.</summary>
    public static string HeadName(CornerRefinerHead head) => head switch
    {
        CornerRefinerHead.Heatmaps => "heatmaps",
        CornerRefinerHead.Regression => "regression",
        _ => throw new ArgumentOutOfRangeException(nameof(head), head, "Unknown refiner head."),
    };

    /// <summary>The head named <paramref name="name"/> ("heatmaps" or "regression"); throws <see cref="FormatException"/> otherwise.</summary>
    public static CornerRefinerHead ParseHead(string name) => name switch
    {
        "heatmaps" => CornerRefinerHead.Heatmaps,
        "regression" => CornerRefinerHead.Regression,
        _ => throw new FormatException($"Unknown refiner head '{name}' (expected heatmaps or regression)."),
    };

    /// <summary>Reads a design written by <see cref="ToMetadata"/>; throws <see cref="FormatException"/> if absent or malformed.</summary>
    public static CornerRefinerConfig FromMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        var read = new ModelMetadataReader(metadata, "refiner");
        read.RequireNetwork(NetworkName, "corner refiner");
        if (read.Integer("output_stride") != OutputStride)
        {
            throw new FormatException($"The refiner's output stride {read.Text("output_stride")} is not supported (expected {OutputStride}).");
        }

        // Files written before the regression head existed have no "head" entry: they are heatmap refiners.
        var head = metadata.TryGetValue("head", out var name) ? ParseHead(name) : CornerRefinerHead.Heatmaps;
        var normalization = metadata.TryGetValue("input_normalization", out var normalizationName) ? InputNormalizationNames.Parse(normalizationName) : InputNormalization.Standardize;
        var config = new CornerRefinerConfig(read.Integer("crop_size"), read.Number("crop_context"), read.Integers("encoder_widths"), read.Integer("decoder_width"))
        {
            Head = head,
            Normalization = normalization,
        };
        try
        {
            config.Validate();
        }
        catch (ArgumentException exception)
        {
            throw new FormatException(exception.Message, exception);
        }

        return config;
    }

    /// <summary>Equal when every field matches, comparing the encoder widths value by value.</summary>
    public bool Equals(CornerRefinerConfig? other) => other is not null
        && CropSize == other.CropSize
        && Context.Equals(other.Context)
        && ListEquality.Equal(EncoderWidths, other.EncoderWidths)
        && DecoderWidth == other.DecoderWidth
        && Head == other.Head
        && Normalization == other.Normalization;

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(CropSize);
        hash.Add(Context);
        ListEquality.Add(ref hash, EncoderWidths);
        hash.Add(DecoderWidth);
        hash.Add(Head);
        hash.Add(Normalization);
        return hash.ToHashCode();
    }

    /// <summary>A one-line description for logs, checkpoints and model cards.</summary>
    public string Describe() => FormattableString.Invariant($"{CropSize}px crops x{Context:0.##} context{(Normalization == InputNormalization.ClaheStandardize ? " (clahe)" : string.Empty)}, encoder [{string.Join(",", EncoderWidths)}], ") + (Head == CornerRefinerHead.Heatmaps
        ? FormattableString.Invariant($"decoder {DecoderWidth}, 4 corner heatmaps at stride {OutputStride}")
        : FormattableString.Invariant($"{DecoderWidth}-channel 1x1 reduction at stride 16, fully connected regression of 8 coordinates"));
}
