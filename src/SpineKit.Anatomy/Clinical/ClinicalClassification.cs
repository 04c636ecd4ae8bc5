namespace SpineKit.Anatomy.Clinical;

/// <summary>Severity and region rules for coronal curves.</summary>
public static class ClinicalClassification
{
    /// <summary>Below 10 degrees none, up to 25 mild, up to 45 moderate, above severe.</summary>
    public static CurveSeverity Severity(double cobbDegrees) => cobbDegrees switch
    {
        < 10 => CurveSeverity.None,
        <= 25 => CurveSeverity.Mild,
        <= 45 => CurveSeverity.Moderate,
        _ => CurveSeverity.Severe,
    };

    /// <summary>The region of a curve whose apex is <paramref name="apex"/>.</summary>
    public static CurveRegion Region(VertebraLevel apex) => apex switch
    {
        <= VertebraLevel.T1 => CurveRegion.Cervicothoracic,
        <= VertebraLevel.T5 => CurveRegion.ProximalThoracic,
        <= VertebraLevel.T11 => CurveRegion.MainThoracic,
        <= VertebraLevel.L1 => CurveRegion.Thoracolumbar,
        _ => CurveRegion.Lumbar,
    };
}
