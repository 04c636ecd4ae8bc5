using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Networks;
using SpineKit.Detection.Preprocessing;
using SpineKit.Imaging;
using PixelSpacing = SpineKit.Anatomy.Geometry.PixelSpacing;

namespace SpineKit.Detection.Inference;

/// <summary>A radiograph resized to the network input once, for repeated predictions (clicks).</summary>
/// <param name="Resized">Grey pixels at the network input size.</param>
/// <param name="Frame">The mapping between original and input pixels.</param>
/// <param name="Spacing">Pixel spacing, if known.</param>
/// <param name="ImageName">Name carried into results.</param>
public sealed record PreparedRadiograph(Image<float> Resized, InputFrame Frame, PixelSpacing? Spacing, string? ImageName)
{
    /// <summary>The film at its original resolution, kept only when a refinement stage crops from it.</summary>
    public Image<float>? Original { get; init; }

    /// <summary>
    /// The part of the film that <see cref="Resized"/> shows and <see cref="Frame"/> maps (original pixels), or null for
    /// the whole film: behind a locator, the region its chain framed, where the corner model found the automatic result.
    /// </summary>
    public (int Left, int Top, int Width, int Height)? Region { get; init; }

    /// <summary>The whole film's size (the frame's original size unless <see cref="Region"/> is a part of it).</summary>
    public ImageSize FilmSize
    {
        get => _filmSize ?? new ImageSize(Frame.OriginalWidth, Frame.OriginalHeight);
        init => _filmSize = value;
    }

    /// <summary>
    /// The automatic result, given back while no corner is corrected and kept for the bodies a small correction leaves
    /// alone. Only <see cref="InteractiveRefiner.Prepare"/> sets it, always together with its corners before the refiner,
    /// so the two cannot come from different predictions.
    /// </summary>
    public LandmarkPrediction? Automatic { get; internal init; }

    /// <summary>The corners of <see cref="Automatic"/> before the refiner (its second reading of every angle).</summary>
    internal LandmarkSet? AutomaticBeforeRefiner { get; init; }

    private readonly ImageSize? _filmSize;

    /// <summary>Resizes <paramref name="grey"/> for <paramref name="config"/>, keeping the original when <paramref name="keepOriginal"/>.</summary>
    public static PreparedRadiograph Create(Image<float> grey, VertebraNetConfig config, PixelSpacing? spacing, string? imageName, bool keepOriginal = false)
    {
        ArgumentNullException.ThrowIfNull(grey);
        ArgumentNullException.ThrowIfNull(config);
        return new PreparedRadiograph(
            InputNormalizer.Resize(grey, config.InputWidth, config.InputHeight),
            new InputFrame(grey.Width, grey.Height, config.InputWidth, config.InputHeight),
            spacing,
            imageName)
        {
            Original = keepOriginal ? grey : null,
        };
    }
}
