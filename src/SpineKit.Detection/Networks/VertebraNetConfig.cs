using System.Globalization;
using SpineKit.Detection.Inference;

namespace SpineKit.Detection.Networks;

/// <summary>
/// The shape of a <see cref="VertebraNet"/>: input size, widths of the encoder stages, width of the
/// decoder, output stride and the number of hint channels. Stored in the model file's metadata so the
/// file alone is enough to rebuild the network.
/// </summary>
/// <param name="InputWidth">Network input width in pixels (the radiograph is resized to it).</param>
/// <param name="InputHeight">Network input height in pixels.</param>
/// <param name="EncoderWidths">Channels of the encoder stages at strides 2, 4, 8, 16, 32.</param>
/// <param name="DecoderWidth">Channels of the feature-pyramid decoder and the heads.</param>
/// <param name="HintChannels">Extra input channels carrying user corrections (0 for a purely automatic model).</param>
public sealed record VertebraNetConfig(int InputWidth, int InputHeight, int[] EncoderWidths, int DecoderWidth, int HintChannels)
{
    /// <summary>The output grid is this many input pixels per cell.</summary>
    public const int OutputStride = 4;

    /// <summary>
    /// The default configuration, the shipped model's: 512x256 input, four corner hint channels, no level
    /// channel, standardisation only. (A 640x320 model with a level channel and CLAHE, trained for 110
    /// minutes, placed corners better but measured angles and clicks worse; see the model card.)
    /// </summary>
    public static VertebraNetConfig Default { get; } = new(256, 512, [24, 48, 96, 192, 256], 64, 4);

    /// <summary>
    /// Whether the head also regresses, at each vertebra centre, which level it is (a tenth channel):
    /// the chain selector uses it to anchor the run of levels when peaks are missed or spurious.
    /// Models written before it existed have no such channel.
    /// </summary>
    public bool LevelChannel { get; init; }

    /// <summary>How the resized radiograph is normalised before the network sees it.</summary>
    public InputNormalization Normalization { get; init; } = InputNormalization.Standardize;

    /// <summary>Heat channel, (dx, dy) to each of the four corners, and the level channel when present.</summary>
    public int OutputChannels => LevelChannel ? 10 : 9;

    /// <summary>Output grid width.</summary>
    public int OutputWidth => InputWidth / OutputStride;

    /// <summary>Output grid height.</summary>
    public int OutputHeight => InputHeight / OutputStride;

    /// <summary>Channels the network expects: the image plus the hint channels.</summary>
    public int InputChannels => 1 + HintChannels;

    /// <summary>Throws unless the input is divisible by the deepest stride and there are five stages.</summary>
    public void Validate()
    {
        if (EncoderWidths.Length != 5 || EncoderWidths.Any(w => w < 1) || DecoderWidth < 1 || HintChannels < 0
            || InputWidth < 32 || InputHeight < 32 || InputWidth % 32 != 0 || InputHeight % 32 != 0)
        {
            throw new ArgumentException($"Invalid network configuration {Describe()}: input sides must be multiples of 32 and there must be five encoder widths.");
        }
    }

    /// <summary>The metadata entries that describe this configuration.</summary>
    public IReadOnlyDictionary<string, string> ToMetadata() => new Dictionary<string, string>
    {
        ["network"] = "VertebraNet",
        ["input_width"] = InputWidth.ToString(CultureInfo.InvariantCulture),
        ["input_height"] = InputHeight.ToString(CultureInfo.InvariantCulture),
        ["encoder_widths"] = string.Join(",", EncoderWidths.Select(w => w.ToString(CultureInfo.InvariantCulture))),
        ["decoder_width"] = DecoderWidth.ToString(CultureInfo.InvariantCulture),
        ["hint_channels"] = HintChannels.ToString(CultureInfo.InvariantCulture),
        ["output_stride"] = OutputStride.ToString(CultureInfo.InvariantCulture),
        ["level_channel"] = LevelChannel ? "1" : "0",
        ["input_normalization"] = InputNormalizationNames.Name(Normalization),
    };

    /// <summary>Reads a configuration written by <see cref="ToMetadata"/>; throws <see cref="FormatException"/> if absent or malformed.</summary>
    public static VertebraNetConfig FromMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        var read = new ModelMetadataReader(metadata, "landmark");
        read.RequireNetwork("VertebraNet", "landmark model");
        if (read.Integer("output_stride") != OutputStride)
        {
            throw new FormatException($"The model file's output stride {read.Text("output_stride")} is not supported (expected {OutputStride}).");
        }

        var widths = read.Integers("encoder_widths");
        // Keys added after the first shipped model default to that model's behaviour when absent.
        var levelChannel = metadata.TryGetValue("level_channel", out var level) && level == "1";
        var normalization = metadata.TryGetValue("input_normalization", out var name) ? InputNormalizationNames.Parse(name) : InputNormalization.Standardize;
        var config = new VertebraNetConfig(read.Integer("input_width"), read.Integer("input_height"), widths, read.Integer("decoder_width"), read.Integer("hint_channels"))
        {
            LevelChannel = levelChannel,
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
    public bool Equals(VertebraNetConfig? other) => other is not null
        && InputWidth == other.InputWidth
        && InputHeight == other.InputHeight
        && ListEquality.Equal(EncoderWidths, other.EncoderWidths)
        && DecoderWidth == other.DecoderWidth
        && HintChannels == other.HintChannels
        && LevelChannel == other.LevelChannel
        && Normalization == other.Normalization;

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(InputWidth);
        hash.Add(InputHeight);
        ListEquality.Add(ref hash, EncoderWidths);
        hash.Add(DecoderWidth);
        hash.Add(HintChannels);
        hash.Add(LevelChannel);
        hash.Add(Normalization);
        return hash.ToHashCode();
    }

    /// <summary>A one-line description for logs and model cards.</summary>
    public string Describe() => FormattableString.Invariant(
        $"{InputWidth}x{InputHeight} input ({InputNormalizationNames.Name(Normalization)}), encoder [{string.Join(",", EncoderWidths)}], decoder {DecoderWidth}, {HintChannels} hint channels, stride {OutputStride}{(LevelChannel ? ", level channel" : string.Empty)}");
}
