namespace SpineKit.Anatomy.Clinical;

/// <summary>
/// The region of a coronal curve, decided by its apex level following the Scoliosis Research Society's
/// terminology: proximal thoracic apex T2..T5, main thoracic apex T6..T11, thoracolumbar apex T12..L1, lumbar
/// apex L2 and below (the SRS lumbar apex runs from the L1-L2 disc to L4; an L5 apex is counted as lumbar). A
/// cervicothoracic apex (C7/T1 and above) is reported separately.
/// </summary>
public enum CurveRegion
{
    /// <summary>Apex at T1 or above.</summary>
    Cervicothoracic,

    /// <summary>Apex T2 to T5.</summary>
    ProximalThoracic,

    /// <summary>Apex T6 to T11.</summary>
    MainThoracic,

    /// <summary>Apex T12 or L1.</summary>
    Thoracolumbar,

    /// <summary>Apex L2 or below.</summary>
    Lumbar,
}
