using System.Diagnostics;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Codecs;
using SpineKit.Detection.Preprocessing;
using SpineKit.Imaging;

namespace SpineKit.Detection.Inference;

/// <summary>
/// Interactive correction: the user pins corners, the network re-predicts every other corner with the
/// pins as hint channels, and the pinned corners are kept exactly. The image is resized once per image
/// (<see cref="Prepare"/>), so a click costs one network pass (two, and two refiner passes, on a first click that
/// <see cref="FarEndAnchor"/> checks; up to <see cref="HintAgreement.MaximumFallbacks"/> more predictions of earlier
/// hints on a click the corner model does not take).
/// </summary>
public sealed class InteractiveRefiner
{
    /// <summary>Wraps a detector whose model has hint channels.</summary>
    public InteractiveRefiner(LandmarkDetector detector)
    {
        Detector = detector ?? throw new ArgumentNullException(nameof(detector));
        if (detector.Model.Config.HintChannels != HintChannelCodec.Channels)
        {
            throw new ArgumentException("This model was trained without hint channels, so it cannot take corrections.", nameof(detector));
        }
    }

    /// <summary>The detector used for every prediction.</summary>
    public LandmarkDetector Detector { get; }

    /// <summary>
    /// Resizes a radiograph once for all later refinements of it and predicts the automatic result, the one shown
    /// before any correction. Behind a locator every stage runs (as <c>analyze</c> runs them) and corrections are
    /// predicted on the region where the corner model found the spine, so a full-spine film is corrected at the scale
    /// it was measured; without one, the corner model and the refiner run on the whole film as a correction would.
    /// </summary>
    public PreparedRadiograph Prepare(Image<float> grey, Anatomy.Geometry.PixelSpacing? spacing = null, string? imageName = null)
    {
        ArgumentNullException.ThrowIfNull(grey);
        var keepOriginal = Detector.Refiner is not null;
        if (Detector.Locator is null)
        {
            // The corner model alone: the automatic result is the prediction without hints.
            var whole = PreparedRadiograph.Create(grey, Detector.Model.Config, spacing, imageName, keepOriginal);
            var started = Stopwatch.GetTimestamp();
            var found = Predict(whole, []);
            return whole with { Automatic = RefineAndMeasure(whole, found, [], started), AutomaticBeforeRefiner = found };
        }

        var (automatic, region, beforeRefiner, cornerInput) = Detector.DetectWithRegion(grey, spacing, null, imageName);
        if (region is not { } part || cornerInput is not { } input)
        {
            return PreparedRadiograph.Create(grey, Detector.Model.Config, spacing, imageName, keepOriginal) with { Automatic = automatic, AutomaticBeforeRefiner = beforeRefiner };
        }

        // The corner model's own input (the region resized where it lies), so a correction sees what it saw.
        return new PreparedRadiograph(input.Resized, input.Frame, spacing, imageName)
        {
            Original = keepOriginal ? grey : null,
            Region = part == (0, 0, grey.Width, grey.Height) ? null : part,
            FilmSize = new ImageSize(grey.Width, grey.Height),
            Automatic = automatic,
            AutomaticBeforeRefiner = beforeRefiner,
        };
    }

    /// <summary>
    /// Re-predicts with <paramref name="hints"/> (original pixels, in the order they were placed). Later hints on the same
    /// corner replace earlier ones; hints <see cref="HintValidation"/> refuses (levels the model does not find, corners far
    /// outside the image, on one point or on a line) throw <see cref="InvalidHintException"/> before the network runs.
    /// Where every hint moves its corner by less than a body and the re-prediction shifted the chain far from them
    /// anyway, only the clicked bodies change (<see cref="LocalCorrection"/>); otherwise the chain is predicted a second
    /// time held at its end far from the clicks, and the more regular of the two stands (<see cref="FarEndAnchor"/>).
    /// Where the re-prediction did not take the user's corners (<see cref="HintAgreement"/>), the result for the other
    /// hints stands with the newest hint's body moved onto it and refined, if that agrees better.
    /// </summary>
    public LandmarkPrediction Refine(PreparedRadiograph radiograph, IReadOnlyList<CornerHint> hints)
    {
        ArgumentNullException.ThrowIfNull(radiograph);
        ArgumentNullException.ThrowIfNull(hints);
        Check(radiograph, hints);
        var started = Stopwatch.GetTimestamp();
        var (prediction, _) = Correct(radiograph, hints, started, 0);

        // Every prediction this click took counts, whichever stands.
        return hints.Count == 0 ? prediction : prediction with { Seconds = Stopwatch.GetElapsedTime(started).TotalSeconds };
    }

    /// <summary>The prediction for <paramref name="hints"/> (already validated) and its corners before the refiner.</summary>
    /// <param name="radiograph">The prepared film.</param>
    /// <param name="hints">The hints in the order they were placed.</param>
    /// <param name="started">When the click began (every prediction it takes counts in its time).</param>
    /// <param name="depth">How many fallbacks (<see cref="HintAgreement"/>) led here, at most <see cref="HintAgreement.MaximumFallbacks"/>.</param>
    private (LandmarkPrediction Prediction, LandmarkSet BeforeRefiner) Correct(PreparedRadiograph radiograph, IReadOnlyList<CornerHint> hints, long started, int depth)
    {
        var unique = HintValidation.Effective(hints);
        if (unique.Count == 0 && radiograph.Automatic is { } automatic && radiograph.AutomaticBeforeRefiner is { } automaticFound)
        {
            return (automatic, automaticFound);
        }

        var found = Predict(radiograph, unique);
        if (radiograph.Automatic is { } before && radiograph.AutomaticBeforeRefiner is { } beforeFound && LocalCorrection.Applies(before.Landmarks, beforeFound, found, unique))
        {
            // Each crop of the refiner is framed on its own body, so refining the clicked bodies alone gives what
            // refining the whole chain would give them; the other bodies keep the automatic result exactly.
            var clicked = unique.Select(h => h.Level).ToHashSet();
            var clickedFound = found.WithVertebrae(found.Vertebrae.Where(v => clicked.Contains(v.Level)));
            var clickedRefined = RefineBodies(radiograph, clickedFound, unique);
            var localFound = LocalCorrection.Merge(beforeFound, clickedFound);
            var local = Detector.Measure(LocalCorrection.Merge(before.Landmarks, clickedRefined), localFound, Detector.Prior.DropOutside, started);

            // The names are the automatic ones, and so are the doubts about them.
            return (local with { LabelsInDoubt = before.LabelsInDoubt, LevelConfidence = before.LevelConfidence }, localFound);
        }

        var result = (Prediction: RefineAndMeasure(radiograph, found, unique, started), BeforeRefiner: found);
        if (radiograph.Automatic is { } shown && FarEndAnchor.Hints(shown.Landmarks, unique) is { Count: > 0 } anchor)
        {
            // The chain held at its far end, taken when its spacing is the more regular (see FarEndAnchor); the
            // anchor guides the corner model only, the refiner keeps just the user's corners. The anchor is not
            // checked by HintValidation: it is the automatic result's own body, at a level the model finds.
            var heldFound = Predict(radiograph, [.. anchor, .. unique]);
            var held = RefineAndMeasure(radiograph, heldFound, unique, started);
            if (FarEndAnchor.Irregularity(held.Landmarks) < FarEndAnchor.Irregularity(result.Prediction.Landmarks))
            {
                result = (held, heldFound);
            }
        }

        var disagreement = HintAgreement.Worst(result.Prediction.Landmarks, unique);
        if (disagreement > HintAgreement.Limit && depth < HintAgreement.MaximumFallbacks
            && Fallback(radiograph, hints, unique, started, depth) is { } fallback
            && HintAgreement.Worst(fallback.Prediction.Landmarks, unique) < disagreement)
        {
            result = fallback;
        }

        return result;
    }

    /// <summary>
    /// The corner model did not take the user's corners and scattered the chain around them: the result for the other
    /// hints, with the newest hint's body moved onto it (the user's corners on that body set exactly) and refined, keeps
    /// what was right. Null when the other hints are not valid on their own or that result lacks the newest hint's corner.
    /// </summary>
    private (LandmarkPrediction Prediction, LandmarkSet BeforeRefiner)? Fallback(PreparedRadiograph radiograph, IReadOnlyList<CornerHint> hints, IReadOnlyList<CornerHint> unique, long started, int depth)
    {
        var newest = hints[^1];
        var others = HintAgreement.Others(unique, newest);
        if (!Valid(radiograph, others))
        {
            return null;
        }

        var earlier = Correct(radiograph, others, started, depth + 1);
        if (earlier.Prediction.Landmarks.Find(newest.Level) is not { } body || !body.PresentCorners.Contains(newest.Corner))
        {
            return null;
        }

        var bodyHints = unique.Where(h => h.Level == newest.Level).ToList();
        var movedFound = HintAgreement.MoveBody(earlier.BeforeRefiner, newest, bodyHints);
        var moved = HintAgreement.MoveBody(earlier.Prediction.Landmarks, newest, bodyHints);
        var refinedBody = RefineBodies(radiograph, moved.WithVertebrae([moved.Find(newest.Level)!]), bodyHints);
        var fallback = Detector.Measure(LocalCorrection.Merge(moved, refinedBody), movedFound, Detector.Prior.DropOutside, started);
        return (fallback with { LabelsInDoubt = earlier.Prediction.LabelsInDoubt, LevelConfidence = earlier.Prediction.LevelConfidence }, movedFound);
    }

    /// <summary><see cref="HintValidation"/> of <paramref name="hints"/> for this model and film.</summary>
    private void Check(PreparedRadiograph radiograph, IReadOnlyList<CornerHint> hints)
    {
        var film = radiograph.FilmSize;
        var config = Detector.Model.Config;
        HintValidation.Check(hints, VertebraLevels.Run(Detector.Model.FirstLevel, Detector.Model.LevelCount), new InputFrame(film.Width, film.Height, config.InputWidth, config.InputHeight));
    }

    /// <summary>Whether the hints pass <see cref="HintValidation"/> (a subset of valid hints can leave three corners on a line).</summary>
    private bool Valid(PreparedRadiograph radiograph, IReadOnlyList<CornerHint> hints)
    {
        try
        {
            Check(radiograph, hints);
            return true;
        }
        catch (InvalidHintException)
        {
            return false;
        }
    }

    /// <summary>The refiner on <paramref name="found"/> (the user's corners kept), then the measurement.</summary>
    private LandmarkPrediction RefineAndMeasure(PreparedRadiograph radiograph, LandmarkSet found, IReadOnlyList<CornerHint> hints, long started) =>
        Detector.Measure(RefineBodies(radiograph, found, hints), found, Detector.Prior.DropOutside, started);

    /// <summary>The refiner on <paramref name="bodies"/> at full resolution, the user's corners kept (unchanged without a refiner's film).</summary>
    private LandmarkSet RefineBodies(PreparedRadiograph radiograph, LandmarkSet bodies, IReadOnlyList<CornerHint> hints) =>
        radiograph.Original is { } grey ? Detector.RefineCorners(grey, bodies, hints) : bodies;

    /// <summary>The corner model's chain with the hints, on the prepared region, in the film's pixels.</summary>
    private LandmarkSet Predict(PreparedRadiograph radiograph, IReadOnlyList<CornerHint> hints)
    {
        if (radiograph.Region is not { } region)
        {
            return Detector.DetectResized(radiograph.Resized, radiograph.Frame, hints, radiograph.Spacing, radiograph.ImageName);
        }

        return Detector.DetectInResizedRegion(radiograph.Resized, radiograph.Frame, (region.Left, region.Top), radiograph.FilmSize, hints, radiograph.Spacing, radiograph.ImageName);
    }
}
