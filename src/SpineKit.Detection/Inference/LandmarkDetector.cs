using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Codecs;
using SpineKit.Detection.LevelNaming;
using SpineKit.Detection.Networks;
using SpineKit.Detection.PostProcessing;
using SpineKit.Detection.Preprocessing;
using SpineKit.Detection.Refinement;
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

    /// <summary>Wraps a loaded model, optionally behind a field-of-view locator.</summary>
    /// <param name="model">The corner model (trained on challenge-framed films).</param>
    /// <param name="locator">
    /// A field-of-view model (<see cref="LandmarkModel.IsFieldOfViewModel"/>) that first finds the spine on the
    /// whole film and names its levels; the corner model then runs on that region framed the way it was
    /// trained. A partial view (not all of T1-L5 present) keeps the locator's own result.
    /// </param>
    /// <param name="refiner">
    /// The refinement stage: every vertebra found is cropped from the original film and its corners predicted
    /// again at full resolution; null keeps the corner model's corners.
    /// </param>
    /// <param name="levelClassifier">
    /// Names the locator's chain from anatomy (a wide crop per vertebra, read upright and mirrored, classified C7,
    /// T1..L5 or S1, the chain's best shift kept) after the locator's own level estimates and before the corner model's
    /// region is chosen; null keeps the estimates' names. Used only behind a locator.
    /// </param>
    public LandmarkDetector(LandmarkModel model, LandmarkModel? locator = null, CornerRefinerModel? refiner = null, LevelClassifierModel? levelClassifier = null)
        : this(model, locator, refiner, levelClassifier, locatorRelabels: true, flipLevels: true)
    {
    }

    /// <summary>
    /// As the public constructor; <paramref name="locatorRelabels"/> says whether the locator's chain is still
    /// renamed by its own level estimates before the level classifier names it (it is by default: measured on the
    /// validation views with the level-variants benchmark, the estimates' rough naming helps the chain the classifier
    /// starts from more than the bodies they push past T1 or L5 cost); <paramref name="flipLevels"/> whether the level
    /// classifier also reads every crop mirrored.
    /// </summary>
    internal LandmarkDetector(LandmarkModel model, LandmarkModel? locator, CornerRefinerModel? refiner, LevelClassifierModel? levelClassifier, bool locatorRelabels, bool flipLevels)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        if (locator is not null && !locator.IsFieldOfViewModel)
        {
            throw new ArgumentException("The locator must be a level-estimating model trained with field-of-view augmentation.", nameof(locator));
        }

        // The locator is a field-of-view model (checked above), so its prior is the field-of-view one.
        Locator = locator is null ? null
            : locatorRelabels ? new LandmarkDetector(locator)
            : new LandmarkDetector(locator) { Prior = ChainPrior.FieldOfView with { RelabelByLevelEstimate = false } };
        Refiner = refiner is null ? null : new CornerRefiner(refiner);
        LevelClassifier = levelClassifier is null || locator is null ? null : new LevelClassifier(levelClassifier) { TestTimeFlip = flipLevels };
        var config = model.Config;
        Codec = new VertebraCenterCodec(config.OutputWidth, config.OutputHeight, VertebraNetConfig.OutputStride, config.LevelChannel);
        Prior = model.IsFieldOfViewModel ? ChainPrior.FieldOfView : ChainPrior.Default;
    }

    /// <summary>The first stage, when there is one.</summary>
    public LandmarkDetector? Locator { get; }

    /// <summary>The last stage, when there is one.</summary>
    public CornerRefiner? Refiner { get; }

    /// <summary>The stage that names the locator's levels from anatomy, when there is one (only behind a locator).</summary>
    public LevelClassifier? LevelClassifier { get; }

    /// <summary>Whether a field-of-view model takes a second look at the spine region when it covers a small part of the film.</summary>
    public bool SecondLook { get; init; } = true;

    /// <summary>
    /// Whether the corner model's chain takes its names from the locator's chain as the level classifier named it
    /// (<see cref="LevelTransfer"/>; on by default). Measured with <c>evaluate landmarks</c> on the validation split
    /// (all four stages): mean radial error 44.9 to 39.4 px and SMAPE 8.62 to 8.68 % on the usual framing, 86.0 to
    /// 68.0 px and 12.02 to 11.22 % zoomed out to 3x the area (the level classifier's card).
    /// </summary>
    internal bool TransferLevels { get; init; } = true;

    /// <summary>
    /// The margin (nats) the level classifier needs to rename a corner chain framed as the corner model was trained
    /// (<see cref="LevelTransfer.Decide"/>; <see cref="LevelTransfer.DefaultMinimumMargin"/> by default, 0 renames
    /// every time).
    /// </summary>
    internal double TransferMinimumMargin { get; init; } = LevelTransfer.DefaultMinimumMargin;

    /// <summary>The chain prior in use: <see cref="ChainPrior.FieldOfView"/> for a level-estimating model trained on any field of view.</summary>
    internal ChainPrior Prior { get; init; }

    /// <summary>The lowest centre score a peak needs to be considered as a vertebra at all.</summary>
    public const float CandidateThreshold = 0.02f;

    /// <summary>The model this detector runs.</summary>
    public LandmarkModel Model { get; }

    /// <summary>The grid codec matching the model.</summary>
    internal VertebraCenterCodec Codec { get; }

    /// <summary>Detects on a grey image in [0, 1] (as <see cref="RadiographImage.ToGrayscale"/> gives).</summary>
    /// <param name="grey">The radiograph.</param>
    /// <param name="spacing">Pixel spacing when known (for millimetre figures).</param>
    /// <param name="hints">User corrections in original pixels; they condition the network and are kept exactly.</param>
    /// <param name="imageName">Name to carry into the landmark set.</param>
    public LandmarkPrediction Detect(Image<float> grey, PixelSpacing? spacing = null, IReadOnlyList<CornerHint>? hints = null, string? imageName = null) =>
        DetectWithRegion(grey, spacing, hints, imageName).Prediction;

    /// <summary>
    /// <see cref="Detect"/>, also saying on which part of the film the corner model ran (the region the locator's
    /// chain framed, clipped to the film (the whole film when that covers most of it), or null when the corner model ran on the whole film
    /// without a locator or did not run at all: a partial view answered by the locator's chain), what the first
    /// stages found before the refiner, and the corner model's input there (so corrections need not resize it again).
    /// </summary>
    internal (LandmarkPrediction Prediction, (int Left, int Top, int Width, int Height)? CornerRegion, LandmarkSet BeforeRefiner, (Image<float> Resized, InputFrame Frame)? CornerInput) DetectWithRegion(Image<float> grey, PixelSpacing? spacing, IReadOnlyList<CornerHint>? hints, string? imageName)
    {
        ArgumentNullException.ThrowIfNull(grey);
        var started = Stopwatch.GetTimestamp();
        var found = DetectFirstStages(grey, spacing, hints, imageName);
        var landmarks = RefineCorners(grey, found.Landmarks, hints);

        // Measured once, on the final corners: a partial view (a field-of-view model's chain) has no challenge triple.
        var prediction = Measure(landmarks, found.Landmarks, found.RequireChallengeLevels, started) with { LabelsInDoubt = found.LabelsInDoubt, LevelConfidence = found.LevelConfidence };
        return (prediction, found.CornerRegion, found.Landmarks, found.CornerInput);
    }

    /// <summary>
    /// The measurement every prediction ends with: the Cobb analysis of <paramref name="landmarks"/> and, with a refiner,
    /// each angle's uncertainty against <paramref name="beforeRefiner"/> (the same film's corners before the refiner).
    /// </summary>
    internal LandmarkPrediction Measure(LandmarkSet landmarks, LandmarkSet beforeRefiner, bool requireChallengeLevels, long started)
    {
        var cobb = CobbAnalysis.Analyze(landmarks, requireChallengeLevels: requireChallengeLevels);

        // The corner model's own corners are a second reading of every angle, free once the refiner has run.
        var uncertainty = Refiner is null ? null : AngleUncertainty.Between(cobb, beforeRefiner, requireChallengeLevels);
        return new LandmarkPrediction(landmarks, cobb, Stopwatch.GetElapsedTime(started).TotalSeconds) { Uncertainty = uncertainty };
    }

    /// <summary>
    /// The last stage on its own: every vertebra of <paramref name="landmarks"/> predicted again by the
    /// <see cref="Refiner"/> on <paramref name="grey"/> at full resolution (unchanged without one). A corner the user
    /// placed frames its vertebra's crop and then stays exactly where the user put it.
    /// </summary>
    public LandmarkSet RefineCorners(Image<float> grey, LandmarkSet landmarks, IReadOnlyList<CornerHint>? hints = null)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        if (Refiner is null || landmarks.Vertebrae.Count == 0)
        {
            return landmarks;
        }

        var refined = Refiner.Refine(grey, landmarks);
        if (hints is not { Count: > 0 })
        {
            return refined;
        }

        return refined.WithVertebrae(refined.Vertebrae.Select(v =>
        {
            var corners = v.CornerArray();
            PinHints(v.Level, corners, hints);
            return v.HasLowerEndplate ? Vertebra.FromCorners(v.Level, corners, v.Confidence) : v;
        }));
    }

    /// <summary>
    /// The locator and corner model (not the refiner, not the measurement): the landmarks, whether their challenge
    /// triple needs every challenge level (a field-of-view chain may stop at the film's edge), the doubt flag and the
    /// level classifier's confidence in each name (null without one).
    /// </summary>
    private FirstStages DetectFirstStages(Image<float> grey, PixelSpacing? spacing, IReadOnlyList<CornerHint>? hints, string? imageName)
    {
        if (Locator is not null && hints is not { Count: > 0 })
        {
            return DetectInRegion(grey, spacing, imageName);
        }

        var config = Model.Config;
        var frame = new InputFrame(grey.Width, grey.Height, config.InputWidth, config.InputHeight);
        var (landmarks, chain) = DetectCore(InputNormalizer.Resize(grey, config.InputWidth, config.InputHeight), frame, hints, spacing, imageName);
        if (SecondLook && Prior.DropOutside && hints is not { Count: > 0 } && SpineRegion(landmarks) is { } region)
        {
            // Second look: the spine covers a small part of this film (a full-spine or wide view), so the
            // network saw it at low resolution. Frame the region it found the way training crops were
            // framed and detect again there, at several times the resolution.
            var (inner, innerChain, _) = DetectInCrop(grey, region, spacing, imageName);
            if (inner.Vertebrae.Count >= MinimumSecondLookVertebrae)
            {
                (landmarks, chain) = (inner, innerChain);
            }
        }

        return new FirstStages(landmarks, Prior.DropOutside, chain.LabelsInDoubt, null);
    }

    /// <summary>
    /// The detection core on an image already resized to the input size (training validation keeps its
    /// images resized in memory): returns the landmarks in the original pixels that <paramref name="frame"/> describes.
    /// </summary>
    public LandmarkSet DetectResized(Image<float> resized, InputFrame frame, IReadOnlyList<CornerHint>? hints = null, PixelSpacing? spacing = null, string? imageName = null) =>
        DetectCore(resized, frame, hints, spacing, imageName).Landmarks;

    private (LandmarkSet Landmarks, SpineChain Chain) DetectCore(Image<float> resized, InputFrame frame, IReadOnlyList<CornerHint>? hints, PixelSpacing? spacing, string? imageName)
    {
        ArgumentNullException.ThrowIfNull(resized);
        var config = Model.Config;
        var input = BuildInput(resized, frame, hints);
        float[] output;
        lock (_gate)
        {
            using (GradMode.NoGrad())
            {
                output = (Model.Fused?.Run(input) ?? Model.Network.Forward(input)).Data;
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
        var chain = SpineChainSelector.Select(candidates, Model.LevelCount, config.InputHeight, anchors, Prior, config.InputWidth);
        var vertebrae = new List<Vertebra>(chain.Count);
        for (var i = 0; i < chain.Count; i++)
        {
            if (chain[i].IsAbsent)
            {
                continue;
            }

            var corners = chain[i].Candidate.Corners.Select(frame.ToOriginal).ToArray();
            PinHints(levels[i], corners, hints);
            var confidence = chain[i].IsInferred ? 0 : chain[i].Candidate.Score;
            vertebrae.Add(Vertebra.FromCorners(levels[i], corners, confidence));
        }

        return (new LandmarkSet(new ImageSize(frame.OriginalWidth, frame.OriginalHeight), vertebrae, spacing, imageName), chain);
    }

    /// <summary>
    /// The two-stage path: the locator finds the spine and its levels on the whole film; when T1 to L5 are
    /// there (all but at most two), the corner model runs on their region (the whole film when that covers most of it, as on a
    /// challenge-framed film) and its chain names them; otherwise the film is a partial view and the
    /// locator's own result, which leaves out what the film does not show, is the answer.
    /// </summary>
    private FirstStages DetectInRegion(Image<float> grey, PixelSpacing? spacing, string? imageName)
    {
        var located = Locator!.DetectFirstStages(grey, spacing, null, imageName);
        var confident = located.Landmarks.Vertebrae.Count(v => v.Confidence >= SpineEvidenceScore);
        if (confident < SpineEvidenceCount)
        {
            throw new NoSpineFoundException(string.Create(CultureInfo.InvariantCulture,
                $"No spine was found on this image ({confident} vertebra-like shapes with confidence {SpineEvidenceScore:0.0} or more; the weakest spine film seen had {SpineEvidenceCount}): it does not look like an AP spine radiograph."));
        }

        LevelNamingResult? naming = null;
        if (LevelClassifier is not null)
        {
            // The anatomy decides the names: a C7 the locator called T1 is left out before the region is chosen.
            naming = LevelClassifier.Name(grey, located.Landmarks);
            located = new FirstStages(naming.Landmarks, located.RequireChallengeLevels, naming.InDoubt, naming.LevelConfidence);
        }

        // A level or two missing at the ends is usually a faint T1 or L5 the corner model finds (on the
        // validation split the locator drops them on some challenge-framed films); more is a partial view.
        var missing = VertebraLevels.ChallengeLevels.Count(level => located.Landmarks.Find(level) is null);
        if (missing > MaximumMissingForFullView)
        {
            return located;
        }

        var region = SpineRegion(located.Landmarks);
        var cornerRegion = ClipToFilm(region ?? (0, 0, grey.Width, grey.Height), grey);
        var (landmarks, _, cornerInput) = DetectInCrop(grey, cornerRegion, spacing, imageName);
        if (naming is null || !TransferLevels)
        {
            return located with { Landmarks = landmarks, RequireChallengeLevels = false, CornerRegion = cornerRegion, CornerInput = cornerInput };
        }

        var levels = VertebraLevels.Run(Model.FirstLevel, Model.LevelCount);
        (landmarks, var unsure) = LevelTransfer.Decide(landmarks, located.Landmarks, levels, naming.Margin, wholeFilm: region is null, TransferMinimumMargin);
        var levelConfidence = naming.ConfidenceOf(landmarks);

        // The corner chain's names are reported with the classifier's evidence for them; where the two namings
        // disagree and the classifier is unsure, or (where the corner model ran on the whole film) an end of the chain is
        // named without its own crop's support, the names stand but the film says "check the level labels". On a wider
        // film, where it ran on a region, the ends' crops are weak on most films, named right or not, so there the end
        // rule would flag nearly every film.
        return located with
        {
            Landmarks = landmarks,
            RequireChallengeLevels = false,
            LabelsInDoubt = located.LabelsInDoubt || unsure || (region is null && LevelNamingResult.EndsInDoubt(landmarks, levelConfidence)),
            LevelConfidence = levelConfidence,
            CornerRegion = cornerRegion,
            CornerInput = cornerInput,
        };
    }

    /// <summary>What the stages before the refiner found (see <see cref="DetectFirstStages"/>).</summary>
    private sealed record FirstStages(LandmarkSet Landmarks, bool RequireChallengeLevels, bool LabelsInDoubt, IReadOnlyDictionary<VertebraLevel, double>? LevelConfidence)
    {
        /// <summary>Where the corner model ran behind a locator (see <see cref="DetectWithRegion"/>).</summary>
        public (int Left, int Top, int Width, int Height)? CornerRegion { get; init; }

        /// <summary>The corner model's input on <see cref="CornerRegion"/>: the region resized, and its frame.</summary>
        public (Image<float> Resized, InputFrame Frame)? CornerInput { get; init; }
    }

    /// <summary>
    /// The locator must find at least <see cref="SpineEvidenceCount"/> vertebrae of at least this confidence, or
    /// the image has no spine. Measured: every validation film and all 116 full-spine films pass (the weakest
    /// full-spine film has 2); the CT ankle, the CT head slice, the 16x16 cervical files and a modality-LUT
    /// chest of the DICOM samples find 0 or 1. 4 of the 96 lumbar-only views of the validation films find
    /// 0 or 1 too and are refused: a refusal, not a wrong measurement, but the locator is weak there.
    /// </summary>
    public const float SpineEvidenceScore = 0.3f;

    /// <summary>See <see cref="SpineEvidenceScore"/>.</summary>
    public const int SpineEvidenceCount = 2;

    /// <summary>Challenge levels the locator may miss before a film counts as a partial view.</summary>
    private const int MaximumMissingForFullView = 2;

    /// <summary>A second look needs at least this many vertebrae, or the first look's result stands.</summary>
    private const int MinimumSecondLookVertebrae = 3;

    /// <summary>
    /// The region of a second look, in original pixels: the vertebrae found with half a body's height above
    /// and below, as wide as a challenge film of that height (height / 2.6, at least five bodies wide), or
    /// null when that region already covers most of the film (the first look saw it well enough).
    /// </summary>
    internal static (int Left, int Top, int Width, int Height)? SpineRegion(LandmarkSet landmarks)
    {
        var found = landmarks.Vertebrae.Where(v => v.Confidence > 0).ToList();
        if (found.Count < MinimumSecondLookVertebrae)
        {
            return null;
        }

        var corners = found.SelectMany(v => v.CornerArray()).ToList();
        var bodyHeight = found.Average(v => v.CornerArray().Skip(2).Average(p => p.Y) - v.CornerArray().Take(2).Average(p => p.Y));
        var bodyWidth = found.Average(v => Math.Abs(v.CornerArray()[1].X - v.CornerArray()[0].X));
        double top = Math.Max(0, corners.Min(p => p.Y) - (0.6 * bodyHeight));
        double bottom = Math.Min(landmarks.Size.Height, corners.Max(p => p.Y) + (0.6 * bodyHeight));
        var height = bottom - top;
        var width = Math.Min(landmarks.Size.Width, Math.Max(height / 2.6, 5 * bodyWidth));
        var centre = corners.Average(p => p.X);
        var left = Math.Clamp(centre - (width / 2), 0, landmarks.Size.Width - width);
        if (width * height > 0.6 * landmarks.Size.Width * landmarks.Size.Height)
        {
            return null;
        }

        return ((int)left, (int)top, Math.Max(1, (int)Math.Round(width)), Math.Max(1, (int)Math.Round(height)));
    }

    /// <summary>Detects on <paramref name="region"/> of the film; the result is in the whole film's pixels.</summary>
    private (LandmarkSet Landmarks, SpineChain Chain, (Image<float> Resized, InputFrame Frame) Input) DetectInCrop(Image<float> grey, (int Left, int Top, int Width, int Height) region, PixelSpacing? spacing, string? imageName)
    {
        var config = Model.Config;
        // The region is resized where it lies in the film: a full-spine film's region is tens of megabytes to copy.
        var (_, _, width, height) = ClipToFilm(region, grey);
        var resized = InputNormalizer.ResizeRegion(grey, region.Left, region.Top, width, height, config.InputWidth, config.InputHeight);
        var frame = new InputFrame(width, height, config.InputWidth, config.InputHeight);
        var (landmarks, chain) = DetectInResizedRegionWithChain(resized, frame, (region.Left, region.Top), new ImageSize(grey.Width, grey.Height), null, spacing, imageName);
        return (landmarks, chain, (resized, frame));
    }

    /// <summary>
    /// The corner model on a region of the film already resized to its input (<paramref name="frame"/> maps the region):
    /// <paramref name="hints"/> (film pixels) move into the region, the chain moves back onto the film.
    /// </summary>
    internal LandmarkSet DetectInResizedRegion(Image<float> resized, InputFrame frame, (int Left, int Top) origin, ImageSize film, IReadOnlyList<CornerHint>? hints, PixelSpacing? spacing, string? imageName) =>
        DetectInResizedRegionWithChain(resized, frame, origin, film, hints, spacing, imageName).Landmarks;

    private (LandmarkSet Landmarks, SpineChain Chain) DetectInResizedRegionWithChain(Image<float> resized, InputFrame frame, (int Left, int Top) origin, ImageSize film, IReadOnlyList<CornerHint>? hints, PixelSpacing? spacing, string? imageName)
    {
        var inside = hints?.Select(h => h with { X = h.X - origin.Left, Y = h.Y - origin.Top }).ToList();
        var (inner, found) = DetectCore(resized, frame, inside, spacing, imageName);
        var shifted = inner.Vertebrae.Select(v => Vertebra.FromCorners(v.Level, [.. v.CornerArray().Select(p => new Point2(p.X + origin.Left, p.Y + origin.Top))], v.Confidence));
        return (new LandmarkSet(film, shifted, spacing, imageName), found);
    }

    /// <summary>A region cut back to the part of <paramref name="grey"/> it covers.</summary>
    internal static (int Left, int Top, int Width, int Height) ClipToFilm((int Left, int Top, int Width, int Height) region, Image<float> grey) =>
        (region.Left, region.Top, Math.Min(region.Width, grey.Width - region.Left), Math.Min(region.Height, grey.Height - region.Top));

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
