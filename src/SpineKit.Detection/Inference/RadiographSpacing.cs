using SpineKit.Imaging;
using AnatomySpacing = SpineKit.Anatomy.Geometry.PixelSpacing;

namespace SpineKit.Detection.Inference;

/// <summary>Carries a decoded file's pixel spacing (Imaging's type) over to the landmark types (Anatomy's).</summary>
public static class RadiographSpacing
{
    /// <summary>The spacing in millimetres per pixel, or null when the file states none.</summary>
    public static AnatomySpacing? Of(RadiographImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.Metadata.PixelSpacing is { } spacing ? new AnatomySpacing(spacing.RowSpacing, spacing.ColumnSpacing) : null;
    }
}
