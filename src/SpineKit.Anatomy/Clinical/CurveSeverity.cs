namespace SpineKit.Anatomy.Clinical;

/// <summary>How large a Cobb angle is: below 10 degrees is not scoliosis, up to 25 mild, up to 45 moderate, beyond severe.</summary>
public enum CurveSeverity
{
    /// <summary>Below 10 degrees.</summary>
    None,

    /// <summary>10 to 25 degrees.</summary>
    Mild,

    /// <summary>Above 25 up to 45 degrees.</summary>
    Moderate,

    /// <summary>Above 45 degrees.</summary>
    Severe,
}
