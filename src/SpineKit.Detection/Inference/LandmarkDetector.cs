using System.Diagnostics;
using System.Numerics;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Codecs;
using SpineKit.Detection.Networks;
using SpineKit.Detection.PostProcessing;
using SpineKit.Detection.Preprocessing;
using SpineKit.Imaging;
using SpineKit.Neural;
using SpineKit.Neural.Autograd;
using PixelSpacing = SpineKit.Anatomy.Geometry.PixelSpacing;

namespace SpineKit.Detection.Inference;

/// <summary>
/// Finds the vertebrae of an AP radiograph: resize and standardise, run the network (with any user
/// corrections as hint channels), decode centre peaks and corner offsets, select one anatomically
/// ordered chain of levels, map back to original pixels, pin corrected corners exactly, and measure.
/// One instance runs one image at a time (calls are serialised); create one per thread for parallelism.
/// </summary>
public sealed class LandmarkDetector
{
    private readonly Lock _gate = new();

    /// <summary>Wraps a loaded model.</summary>
    public LandmarkDetector(LandmarkModel model)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        var config = model.Config;
        Codec = new VertebraCentreCodec(config.OutputWidth, config.OutputHeight, VertebraNetConfig.OutputStride, config.LevelChannel);
    }

    /// <summary>The lowest centre score a peak needs to be considered as a vertebra at all.</summary>
    public const float CandidateThreshold = 0.02f;

    /// <summary>The model this detector runs.</summary>
    public LandmarkModel Model { get; }

    /// <summary>The grid codec matching the model.</summary>
    public VertebraCentreCodec Codec { get; }

    /// <summary>Detects on a grey image in [0, 1] (as <see cref="RadiographImage.ToGrayscale"/> gives).</summary>
    /// <param name="grey">The radiograph.</param>
    /// <param name="spacing">Pixel spacing when known (for millimetre figures).</param>
    /// <param name="hints">User corrections in original pixels; they condition the network and are kept exactly.</param>
    /// <param name="imageName">Name to carry into the landmark set.</param>
    public LandmarkPrediction Detect(Image<float> grey, PixelSpacing? spacing = null, IReadOnlyList<CornerHint>? hints = null, string? imageName = null)
    {
        ArgumentNullException.ThrowIfNull(grey);
        var started = Stopwatch.GetTimestamp();
        var config = Model.Config;
        var frame = new InputFrame(grey.Width, grey.Height, config.InputWidth, config.InputHeight);
        var landmarks = DetectResized(InputNormalizer.Resize(grey, config.InputWidth, config.InputHeight), frame, hints, spacing, imageName);
        var cobb = CobbAnalysis.Analyze(landmarks);
        return new LandmarkPrediction(landmarks, cobb, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>
    /// The detection core on an image already resized to the input size (training validation keeps its
    /// images resized in memory): returns the landmarks in the original pixels that <paramref name="frame"/> describes.
    /// </summary>
    public LandmarkSet DetectResized(Image<float> resized, InputFrame frame, IReadOnlyList<CornerHint>? hints = null, PixelSpacing? spacing = null, string? imageName = null)
    {
        ArgumentNullException.ThrowIfNull(resized);
        var config = Model.Config;
        var input = BuildInput(resized, frame, hints);
        float[] output;
        lock (_gate)
        {
            using (GradMode.NoGrad())
            {
                output = Model.Network.Forward(input).Data;
            }
        }

        var levels = VertebraLevels.Run(Model.FirstLevel, Model.LevelCount);

        // Faint vertebrae (low contrast, hardware) may still be the best local maxima there are: the chain
        // selector weighs every peak above the floor against the spine's shape rather than dropping it.
        var candidates = Codec.Decode(output, CandidateThreshold);
        if (candidates.Count == 0)
        {
            candidates = Codec.Decode(output, 0f);
        }

        var anchors = hints?.Where(h => levels.Contains(h.Level))
            .Select(h => new ChainAnchor(levels.ToList().IndexOf(h.Level), (int)h.Corner, frame.ToInput(new Point2(h.X, h.Y))))
            .ToList();
        var chain = SpineChainSelector.Select(candidates, Model.LevelCount, config.InputHeight, anchors);
        var vertebrae = new List<Vertebra>(chain.Count);
        for (var i = 0; i < chain.Count; i++)
        {
            var corners = chain[i].Candidate.Corners.Select(frame.ToOriginal).ToArray();
            PinHints(levels[i], corners, hints);
            var confidence = chain[i].IsInferred ? 0 : chain[i].Candidate.Score;
            vertebrae.Add(Vertebra.FromCorners(levels[i], corners, confidence));
        }

        return new LandmarkSet(new ImageSize(frame.OriginalWidth, frame.OriginalHeight), vertebrae, spacing, imageName);
    }

    /// <summary>Builds the <c>[1, 1 + hints, H, W]</c> input tensor from an image already resized to the input size.</summary>
    internal Tensor BuildInput(Image<float> resized, InputFrame frame, IReadOnlyList<CornerHint>? hints)
    {
        var config = Model.Config;
        var plane = config.InputWidth * config.InputHeight;
        var data = new float[config.InputChannels * plane];
        InputNormalizer.Normalize(resized, config.Normalization, data.AsSpan(0, plane));
        if (config.HintChannels == HintChannelCodec.Channels && hints is { Count: > 0 })
        {
            var points = hints.Select(h => (h.Corner, frame.ToInput(new Point2(h.X, h.Y))));
            HintChannelCodec.Encode(points, config.InputWidth, config.InputHeight, data.AsSpan(plane, HintChannelCodec.Channels * plane));
        }

        return new Tensor(data, 1, config.InputChannels, config.InputHeight, config.InputWidth);
    }

    private static void PinHints(VertebraLevel level, Point2[] corners, IReadOnlyList<CornerHint>? hints)
    {
        if (hints is null)
        {
            return;
        }

        foreach (var hint in hints)
        {
            if (hint.Level == level)
            {
                corners[(int)hint.Corner] = new Point2(hint.X, hint.Y);
            }
        }
    }
}
