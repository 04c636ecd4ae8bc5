namespace SpineKit.Imaging;

/// <summary>Physical size of one pixel in millimetres: between rows (vertical) and between columns (horizontal).</summary>
/// <param name="RowSpacing">Distance between the centres of adjacent rows, in mm.</param>
/// <param name="ColumnSpacing">Distance between the centres of adjacent columns, in mm.</param>
public readonly record struct PixelSpacing(double RowSpacing, double ColumnSpacing)
{
    /// <inheritdoc/>
    public override string ToString() => FormattableString.Invariant($"{RowSpacing:0.######} x {ColumnSpacing:0.######} mm");
}

/// <summary>Where a pixel spacing came from, which matters for measurement: detector spacing ignores magnification.</summary>
public enum PixelSpacingSource
{
    /// <summary>The file states no spacing.</summary>
    None,

    /// <summary>DICOM Pixel Spacing (0028,0030): spacing in the patient, possibly calibrated.</summary>
    PixelSpacing,

    /// <summary>DICOM Imager Pixel Spacing (0018,1164): spacing at the detector face, uncorrected for magnification.</summary>
    ImagerPixelSpacing,

    /// <summary>A PNG pHYs chunk in pixels per metre (whole pixels per metre, so rounded).</summary>
    PngPhysicalDimensions,
}
