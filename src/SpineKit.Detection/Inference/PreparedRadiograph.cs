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
