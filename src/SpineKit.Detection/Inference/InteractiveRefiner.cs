using System.Diagnostics;
using SpineKit.Anatomy;
using SpineKit.Detection.Codecs;
using SpineKit.Imaging;

namespace SpineKit.Detection.Inference;

/// <summary>
/// Interactive correction: the user pins corners, the network re-predicts every other corner with the
/// pins as hint channels, and the pinned corners are kept exactly. The image is resized once per image
/// (<see cref="Prepare"/>), so each click costs one network pass.
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

    /// <summary>Resizes a radiograph once for all later refinements of it.</summary>
    public PreparedRadiograph Prepare(Image<float> grey, Anatomy.Geometry.PixelSpacing? spacing = null, string? imageName = null) =>
        PreparedRadiograph.Create(grey, Detector.Model.Config, spacing, imageName, keepOriginal: Detector.Refiner is not null);

    /// <summary>
    /// Re-predicts with <paramref name="hints"/> (original pixels). Later hints on the same corner replace
    /// earlier ones; hints <see cref="HintValidation"/> refuses (levels the model does not find, corners far
    /// outside the image, on one point or on a line) throw <see cref="InvalidHintException"/> before the network runs.
    /// </summary>
    public LandmarkPrediction Refine(PreparedRadiograph radiograph, IReadOnlyList<CornerHint> hints)
    {
        ArgumentNullException.ThrowIfNull(radiograph);
        ArgumentNullException.ThrowIfNull(hints);
        HintValidation.Check(hints, VertebraLevels.Run(Detector.Model.FirstLevel, Detector.Model.LevelCount), radiograph.Frame);

        var unique = hints.GroupBy(h => (h.Level, h.Corner)).Select(g => g.Last()).ToList();
        var started = Stopwatch.GetTimestamp();
        var found = Detector.DetectResized(radiograph.Resized, radiograph.Frame, unique, radiograph.Spacing, radiograph.ImageName);
        var landmarks = radiograph.Original is { } original ? Detector.RefineCorners(original, found, unique) : found;
        return Detector.Measure(landmarks, found, Detector.Prior.DropOutside, started);
    }
}
