namespace SpineKit.Anatomy;

/// <summary>
/// A vertebral level, cranial to caudal. The numeric values follow anatomical order, so levels compare
/// and sort top to bottom; the transitional <see cref="T13"/> and <see cref="L6"/> sit where they occur.
/// </summary>
public enum VertebraLevel
{
    /// <summary>First cervical vertebra (atlas).</summary>
    C1 = 1,

    /// <summary>Second cervical vertebra (axis).</summary>
    C2,

    /// <summary>Third cervical vertebra.</summary>
    C3,

    /// <summary>Fourth cervical vertebra.</summary>
    C4,

    /// <summary>Fifth cervical vertebra.</summary>
    C5,

    /// <summary>Sixth cervical vertebra.</summary>
    C6,

    /// <summary>Seventh cervical vertebra.</summary>
    C7,

    /// <summary>First thoracic vertebra.</summary>
    T1,

    /// <summary>Second thoracic vertebra.</summary>
    T2,

    /// <summary>Third thoracic vertebra.</summary>
    T3,

    /// <summary>Fourth thoracic vertebra.</summary>
    T4,

    /// <summary>Fifth thoracic vertebra.</summary>
    T5,

    /// <summary>Sixth thoracic vertebra.</summary>
    T6,

    /// <summary>Seventh thoracic vertebra.</summary>
    T7,

    /// <summary>Eighth thoracic vertebra.</summary>
    T8,

    /// <summary>Ninth thoracic vertebra.</summary>
    T9,

    /// <summary>Tenth thoracic vertebra.</summary>
    T10,

    /// <summary>Eleventh thoracic vertebra.</summary>
    T11,

    /// <summary>Twelfth thoracic vertebra.</summary>
    T12,

    /// <summary>A transitional thirteenth rib-bearing vertebra, present in a minority of people.</summary>
    T13,

    /// <summary>First lumbar vertebra.</summary>
    L1,

    /// <summary>Second lumbar vertebra.</summary>
    L2,

    /// <summary>Third lumbar vertebra.</summary>
    L3,

    /// <summary>Fourth lumbar vertebra.</summary>
    L4,

    /// <summary>Fifth lumbar vertebra.</summary>
    L5,

    /// <summary>A transitional sixth lumbar vertebra (lumbarised S1), present in a minority of people.</summary>
    L6,

    /// <summary>First sacral segment; only its upper endplate is normally measured.</summary>
    S1,
}
