namespace SpineKit.Anatomy.Clinical;

/// <summary>
/// The region of a coronal curve, decided by its apex level following the Scoliosis Research Society's
/// terminology as the Lenke classification groups it: proximal thoracic apex T2..T5, main thoracic apex
/// T6..T11 (up to the T11-T12 disc), thoracolumbar/lumbar apex T12 and below. A cervicothoracic apex (C7/T1
/// and above) is reported separately.
/// </summary>
public enum CurveRegion
{
    /// <summary>Apex at T1 or above.</summary>
    Cervicothoracic,

    /// <summary>Apex T2 to T5.</summary>
    ProximalThoracic,

    /// <summary>Apex T6 to T11.</summary>
    MainThoracic,

    /// <summary>Apex T12 or below (thoracolumbar T12-L1, lumbar L1-L2 disc to L4).</summary>
    ThoracolumbarLumbar,
}
