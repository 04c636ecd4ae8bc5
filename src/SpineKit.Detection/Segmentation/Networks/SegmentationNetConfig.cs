using System.Globalization;
using SpineKit.Detection.Inference;

namespace SpineKit.Detection.Segmentation.Networks;

/// <summary>
/// Shape of a <see cref="SegmentationNet"/>: architecture, grey input size (the whole radiograph is
/// stretched to it) and the channel width of each U-Net level (the number of widths is the depth: one
/// 2x max-pool between consecutive levels). It travels in the model file's safetensors metadata.
/// </summary>
/// <param name="Architecture">Encoder and skip variant.</param>
/// <param name="InputWidth">Input width in pixels.</param>
/// <param name="InputHeight">Input height in pixels.</param>
/// <param name="Widths">Channels per level, finest first.</param>
public sealed record SegmentationNetConfig(SegmentationArchitecture Architecture, int InputWidth, int InputHeight, int[] Widths)
{
    /// <summary>Output classes: background, vertebral body, gap between vertebrae.</summary>
    public const int Classes = 3;

    /// <summary>Class index of the background.</summary>
    public const int BackgroundClass = 0;

    /// <summary>Class index of the vertebral body.</summary>
    public const int BodyClass = 1;

    /// <summary>Class index of the gap between consecutive vertebrae.</summary>
    public const int GapClass = 2;

    /// <summary>The value of the metadata key <c>network</c>.</summary>
    public const string NetworkName = "SegmentationNet";

    /// <summary>
    /// The default: the attention SE-residual U-Net at 256x512 with five levels of 8 to 128 channels (one
    /// forward about 0.2 s on the 2-core machine, so a five-model ensemble fits the 2 s budget).
    /// </summary>
    public static SegmentationNetConfig Default { get; } = new(SegmentationArchitecture.AttentionSeResidual, 256, 512, [8, 16, 32, 64, 128]);

    /// <summary>Total downsampling between the input and the coarsest level.</summary>
    public int Stride => 1 << (Widths.Length - 1);

    /// <summary>Throws <see cref="ArgumentException"/> for a shape the network cannot be built with.</summary>
    public void Validate()
    {
        if (Widths is null || Widths.Length is < 2 or > 6 || Widths.Any(w => w < 4) || !Enum.IsDefined(Architecture)
            || InputWidth < Stride || InputHeight < Stride || InputWidth % Stride != 0 || InputHeight % Stride != 0)
        {
            throw new ArgumentException($"Invalid segmentation network {Describe()}: 2 to 6 levels of at least 4 channels, input sides multiples of {Stride}.");
        }
    }

    /// <summary>The metadata entries that describe this configuration.</summary>
    public IReadOnlyDictionary<string, string> ToMetadata() => new Dictionary<string, string>
    {
        ["network"] = NetworkName,
        ["architecture"] = SegmentationArchitectures.Name(Architecture),
        ["input_width"] = InputWidth.ToString(CultureInfo.InvariantCulture),
        ["input_height"] = InputHeight.ToString(CultureInfo.InvariantCulture),
        ["widths"] = string.Join(",", Widths.Select(w => w.ToString(CultureInfo.InvariantCulture))),
        ["classes"] = Classes.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Reads a configuration back; throws <see cref="FormatException"/> naming what is missing or wrong.</summary>
    public static SegmentationNetConfig FromMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var read = new ModelMetadataReader(metadata, "segmentation");
        read.RequireNetwork(NetworkName, "segmentation model");
        if (read.Integer("classes") != Classes)
        {
            throw new FormatException($"The model file predicts {read.Text("classes")} classes; SpineKit's segmentation uses {Classes}.");
        }

        var config = new SegmentationNetConfig(
            SegmentationArchitectures.Parse(read.Text("architecture")),
            read.Integer("input_width"),
            read.Integer("input_height"),
            read.Integers("widths"));
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

    /// <summary>Equal when every field matches, comparing the widths value by value.</summary>
    public bool Equals(SegmentationNetConfig? other) => other is not null
        && Architecture == other.Architecture
        && InputWidth == other.InputWidth
        && InputHeight == other.InputHeight
        && ListEquality.Equal(Widths, other.Widths);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Architecture);
        hash.Add(InputWidth);
        hash.Add(InputHeight);
        ListEquality.Add(ref hash, Widths);
        return hash.ToHashCode();
    }

    /// <summary>One line for logs.</summary>
    public string Describe() => FormattableString.Invariant(
        $"{SegmentationArchitectures.Name(Architecture)} U-Net, {InputWidth}x{InputHeight} input, widths [{string.Join(",", Widths ?? [])}]");
}
