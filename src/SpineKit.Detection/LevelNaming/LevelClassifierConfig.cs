using System.Globalization;
using SpineKit.Anatomy;
using SpineKit.Detection.Inference;

namespace SpineKit.Detection.LevelNaming;

/// <summary>
/// The design of a <see cref="LevelClassifierNet"/> and of its crops: a wide view around one vertebra (several
/// bodies above and below, the ribs' heads, the sacrum or the neck when near), turned to the vertebra's axis, and
/// the channel widths of the four encoder stages.
/// </summary>
/// <param name="CropSize">Side of the square network input in pixels (a multiple of 16).</param>
/// <param name="Context">Crop side over the larger of the vertebra's width and height.</param>
/// <param name="EncoderWidths">Channels of the four encoder stages (strides 2, 4, 8, 16).</param>
/// <param name="HeadWidth">Channels of the 1x1 convolution before the fully connected classifier.</param>
public sealed record LevelClassifierConfig(int CropSize, double Context, IReadOnlyList<int> EncoderWidths, int HeadWidth)
{
    /// <summary>The network name written into model files.</summary>
    public const string NetworkName = "LevelClassifierNet";

    /// <summary>The shipped design: 96-pixel crops five times the vertebra, encoder 16-32-64-128, head 32.</summary>
    public static LevelClassifierConfig Default { get; } = new(96, 5, [16, 32, 64, 128], 32);

    /// <summary>
    /// The classes, top to bottom: C7 (the body above T1), T1 to L5 (the challenge levels) and S1 (the body below
    /// L5). The two outer classes are what keeps a visible C7 from becoming T1 and the sacrum from becoming L5.
    /// </summary>
    public static IReadOnlyList<VertebraLevel> Classes { get; } = [VertebraLevel.C7, .. VertebraLevels.ChallengeLevels, VertebraLevel.S1];

    /// <summary>Side of the encoder's last feature map.</summary>
    public int FeatureSize => CropSize / 16;

    /// <summary>Throws <see cref="ArgumentException"/> for a design the network cannot be built with.</summary>
    public void Validate()
    {
        if (CropSize < 32 || CropSize % 16 != 0 || EncoderWidths.Count != 4 || EncoderWidths.Any(w => w < 1) || HeadWidth < 1 || !(Context is >= 1 and <= 12))
        {
            throw new ArgumentException($"Invalid level classifier configuration {Describe()}: the crop must be a multiple of 16 (at least 32), four encoder widths, context 1-12.");
        }
    }

    /// <summary>Metadata entries that let <see cref="FromMetadata"/> rebuild the design.</summary>
    public IReadOnlyDictionary<string, string> ToMetadata() => new Dictionary<string, string>
    {
        ["network"] = NetworkName,
        ["crop_size"] = CropSize.ToString(CultureInfo.InvariantCulture),
        ["crop_context"] = Context.ToString("R", CultureInfo.InvariantCulture),
        ["encoder_widths"] = string.Join(",", EncoderWidths.Select(w => w.ToString(CultureInfo.InvariantCulture))),
        ["head_width"] = HeadWidth.ToString(CultureInfo.InvariantCulture),
        ["classes"] = string.Join(",", Classes.Select(VertebraLevels.Name)),
    };

    /// <summary>Reads a design written by <see cref="ToMetadata"/>; throws <see cref="FormatException"/> if absent or malformed.</summary>
    public static LevelClassifierConfig FromMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        var read = new ModelMetadataReader(metadata, "level classifier");
        read.RequireNetwork(NetworkName, "level classifier");
        if (read.Text("classes") != string.Join(",", Classes.Select(VertebraLevels.Name)))
        {
            throw new FormatException($"The level classifier's classes '{read.Text("classes")}' are not the supported C7, T1-L5, S1.");
        }

        var config = new LevelClassifierConfig(read.Integer("crop_size"), read.Number("crop_context"), read.Integers("encoder_widths"), read.Integer("head_width"));
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
    public bool Equals(LevelClassifierConfig? other) => other is not null
        && CropSize == other.CropSize
        && Context.Equals(other.Context)
        && ListEquality.Equal(EncoderWidths, other.EncoderWidths)
        && HeadWidth == other.HeadWidth;

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(CropSize);
        hash.Add(Context);
        ListEquality.Add(ref hash, EncoderWidths);
        hash.Add(HeadWidth);
        return hash.ToHashCode();
    }

    /// <summary>A one-line description for logs, checkpoints and model cards.</summary>
    public string Describe() => FormattableString.Invariant(
        $"{CropSize}px crops x{Context:0.##} context, encoder [{string.Join(",", EncoderWidths)}], head {HeadWidth}, {Classes.Count} classes C7..S1");
}
