namespace SpineKit.Anatomy.Clinical;

/// <summary>
/// Which patient side the image's x axis points to, from DICOM Patient Orientation (0020,0020): its first value
/// is the direction of the rows (increasing x), <c>L</c> for the patient's left (the usual AP display, the
/// patient's right on the image's left) or <c>R</c> for the patient's right (a PA film displayed as taken).
/// Without it (JPEG, PNG, DICOM that does not say) a side can only be named on the image.
/// </summary>
/// <param name="RowsTowardPatientLeft">True when x increases towards the patient's left.</param>
public sealed record ImageOrientation(bool RowsTowardPatientLeft)
{
    /// <summary>The orientation a Patient Orientation value states, or null when it states no left-right row direction.</summary>
    public static ImageOrientation? Parse(string? patientOrientation)
    {
        var rows = patientOrientation?.Split('\\')[0].Trim().ToUpperInvariant();

        // Oblique rows ("LP", "RA") still run mostly left or right; only the first letter is read, as viewers do.
        return rows is { Length: > 0 } && rows[0] is 'L' or 'R' ? new ImageOrientation(rows[0] == 'L') : null;
    }

    /// <summary>The patient side of a curve convex towards <paramref name="side"/> of the image.</summary>
    public PatientSide PatientSideOf(CurveSide side) =>
        (side == CurveSide.ImageRight) == RowsTowardPatientLeft ? PatientSide.Left : PatientSide.Right;
}
