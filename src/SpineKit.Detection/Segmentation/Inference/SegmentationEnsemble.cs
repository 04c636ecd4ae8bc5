using System.Diagnostics;
using SpineKit.Detection.Preprocessing;
using SpineKit.Detection.Segmentation.Codecs;
using SpineKit.Detection.Segmentation.Networks;
using SpineKit.Detection.Segmentation.PostProcessing;
using SpineKit.Imaging;
using SpineKit.Neural;
using SpineKit.Neural.Inference;

namespace SpineKit.Detection.Segmentation.Inference;

/// <summary>
/// Segments radiographs with one or more <see cref="SegmentationModel"/>s (normally the K fold models):
/// the image is stretched to the input size and standardised as in training, every model's class
/// probabilities are averaged (soft voting), the averaged maps are resized bilinearly to the original
/// size and the class decided per pixel (the most probable, or body above the calibrated body threshold,
/// see <see cref="BodyThreshold"/>); post-processing is optional. With mirror voting
/// each model also sees the left-right mirrored image (the training augmentation mirrors half the
/// images, so both views are in distribution) and its mirrored-back maps count as a second vote.
/// </summary>
public sealed class SegmentationEnsemble
{
    /// <summary>Creates an ensemble; all models must share the input size.</summary>
    public SegmentationEnsemble(IReadOnlyList<SegmentationModel> models)
        : this(models, [])
    {
    }

    private SegmentationEnsemble(IReadOnlyList<SegmentationModel> models, IReadOnlyList<(string File, string Reason)> skipped)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count == 0)
        {
            throw new ArgumentException("An ensemble needs at least one model.", nameof(models));
        }

        var first = models[0].Config;
        if (models.Any(m => m.Config.InputWidth != first.InputWidth || m.Config.InputHeight != first.InputHeight))
        {
            throw new ModelFormatException("the segmentation models differ in input size and cannot vote together");
        }

        if (models.Select(m => m.StripTiles).Distinct().Count() > 1)
        {
            throw new ModelFormatException($"the segmentation models were trained on different inputs ({string.Join(", ", models.Select(m => $"{m.Name}: {(m.StripTiles is { } n ? $"{n} strip tiles" : "whole films")}"))}) and cannot vote together");
        }

        Models = models;
        Skipped = skipped;
        StripTiles = models[0].StripTiles;
        var thresholds = models.Select(m => m.BodyThreshold).ToList();
        BodyThreshold = thresholds.All(t => t is not null) ? thresholds.Average() : null;
    }

    /// <summary>
    /// The body threshold of the vote (<see cref="ClassProbabilities.Decide"/>): by default the mean of the
    /// models' calibrated thresholds, or null (arg-max) when a model has none.
    /// </summary>
    public double? BodyThreshold { get; private init; }

    /// <summary>The voting models.</summary>
    public IReadOnlyList<SegmentationModel> Models { get; }

    /// <summary>
    /// The spine strip's tile count the models were trained on (<see cref="SegmentationModel.StripTiles"/>, the same for
    /// all), or null for whole-film models; <see cref="LandmarkGuidedSegmenter"/> votes on that many tiles by default.
    /// </summary>
    public int? StripTiles { get; }

    /// <summary>Files of the folder given to <see cref="Load"/> that were not loaded, with the reason (say so to the user).</summary>
    public IReadOnlyList<(string File, string Reason)> Skipped { get; }

    /// <summary>The same models deciding with another body threshold (null: arg-max).</summary>
    public SegmentationEnsemble WithBodyThreshold(double? bodyThreshold)
    {
        if (bodyThreshold is { } t && !(t is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(bodyThreshold), t, "A body threshold lies between 0 and 1.");
        }

        return new SegmentationEnsemble(Models, Skipped) { BodyThreshold = bodyThreshold };
    }

    /// <summary>Network input width shared by the models.</summary>
    public int InputWidth => Models[0].Config.InputWidth;

    /// <summary>Network input height shared by the models.</summary>
    public int InputHeight => Models[0].Config.InputHeight;

    /// <summary>
    /// Loads one model file, or every segmentation model (<c>*.safetensors</c> whose metadata says
    /// <c>SegmentationNet</c>) directly inside a folder, in ordinal name order.
    /// </summary>
    public static SegmentationEnsemble Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
        {
            return new SegmentationEnsemble([SegmentationModel.Load(path)]);
        }

        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"no segmentation model file or folder at {path}", path);
        }

        var models = new List<SegmentationModel>();
        var skipped = new List<(string, string)>();

        // The models run one after another: one set of map buffers serves them all.
        var arena = new InferenceArena();
        foreach (var file in Directory.EnumerateFiles(path, "*.safetensors").Order(StringComparer.Ordinal))
        {
            if (SkipReason(file) is { } reason)
            {
                skipped.Add((Path.GetFileName(file), reason));
            }
            else
            {
                models.Add(SegmentationModel.Load(file, arena));
            }
        }

        return models.Count > 0
            ? new SegmentationEnsemble(models, skipped)
            : throw new FileNotFoundException($"no segmentation model (*.safetensors written by 'spinekit train segmentation') in {path}", path);
    }

    /// <summary>Segments a grey radiograph (values in [0, 1]) at its own size.</summary>
    /// <param name="grey">The radiograph.</param>
    /// <param name="postProcessing">Optional mask clean-up; the raw mask is kept beside it.</param>
    /// <param name="mirrorVoting">Also vote on the mirrored image (twice the time).</param>
    public SegmentationPrediction Segment(Image<float> grey, SegmentationPostProcessing? postProcessing = null, bool mirrorVoting = false)
    {
        ArgumentNullException.ThrowIfNull(grey);
        var started = Stopwatch.GetTimestamp();
        var probabilities = InputProbabilities(InputNormalizer.Resize(grey, InputWidth, InputHeight), mirrorVoting);
        var full = ClassProbabilities.Resize(probabilities, InputWidth, InputHeight, grey.Width, grey.Height);
        var classes = ClassProbabilities.Decide(full, grey.Width, grey.Height, BodyThreshold);
        var body = SegmentationMasks.BodyMask(classes);
        var processed = postProcessing?.Apply(classes, (double)grey.Height / InputHeight);
        return new SegmentationPrediction(classes, body, processed, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>
    /// Segments a grey radiograph through the tiles of a spine strip (<see cref="SpineStrip"/>) instead of the whole film:
    /// every tile is voted on at the input size, the probabilities merged back to the film (background outside the
    /// tiles) and decided as in <see cref="Segment"/>. Post-processing radii scale with the first tile.
    /// </summary>
    /// <param name="grey">The radiograph.</param>
    /// <param name="tiles">The strip's tiles in original pixels (at least one).</param>
    /// <param name="postProcessing">Optional mask clean-up.</param>
    /// <param name="mirrorVoting">Also vote on every mirrored tile.</param>
    public SegmentationPrediction SegmentStrip(Image<float> grey, IReadOnlyList<SpineStripTile> tiles, SegmentationPostProcessing? postProcessing = null, bool mirrorVoting = false)
    {
        ArgumentNullException.ThrowIfNull(grey);
        ArgumentNullException.ThrowIfNull(tiles);
        if (tiles.Count == 0)
        {
            throw new ArgumentException("A strip needs at least one tile.", nameof(tiles));
        }

        var started = Stopwatch.GetTimestamp();
        var votes = tiles.Select(t => InputProbabilities(SpineStrip.Cut(grey, t, InputWidth, InputHeight), mirrorVoting)).ToList();
        var full = SpineStrip.Merge(votes, tiles, InputWidth, InputHeight, grey.Width, grey.Height);
        var classes = ClassProbabilities.Decide(full, grey.Width, grey.Height, BodyThreshold);
        var body = SegmentationMasks.BodyMask(classes);
        var processed = postProcessing?.Apply(classes, (double)tiles[0].Height / InputHeight);
        return new SegmentationPrediction(classes, body, processed, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>The averaged class probabilities <c>[3, H, W]</c> at the input size for an already resized image.</summary>
    /// <param name="resized">The radiograph at the input size.</param>
    /// <param name="mirrorVoting">Also vote on the mirrored image.</param>
    public float[] InputProbabilities(Image<float> resized, bool mirrorVoting = false)
    {
        ArgumentNullException.ThrowIfNull(resized);
        if (resized.Width != InputWidth || resized.Height != InputHeight || resized.Channels != 1)
        {
            throw new ArgumentException($"Expected a {InputWidth}x{InputHeight} grey image.", nameof(resized));
        }

        var input = new float[InputWidth * InputHeight];
        InputNormalizer.Standardize(resized.Pixels, input);
        var votes = Models.Select(m => m.Probabilities(input)).ToList();
        if (mirrorVoting)
        {
            var mirrored = ClassProbabilities.MirrorHorizontally(input, InputWidth);
            votes.AddRange(Models.Select(m => ClassProbabilities.MirrorHorizontally(m.Probabilities(mirrored), InputWidth)));
        }

        return ClassProbabilities.Average(votes);
    }

    private static string? SkipReason(string file)
    {
        try
        {
            var metadata = Neural.Persistence.SafeTensorsReader.Read(file).Metadata;
            return metadata.TryGetValue("network", out var network) && network == SegmentationNetConfig.NetworkName
                ? null
                : $"not a segmentation model (network '{network ?? "unknown"}')";
        }
        catch (ModelFormatException exception)
        {
            // A damaged or foreign file must not stop the others from voting, but the user must hear of it.
            return exception.Message;
        }
    }
}
