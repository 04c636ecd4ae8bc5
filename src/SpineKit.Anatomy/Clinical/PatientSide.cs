namespace SpineKit.Anatomy.Clinical;

/// <summary>The patient's own side, as a surgeon names a curve's convexity ("right thoracic").</summary>
public enum PatientSide
{
    /// <summary>The patient's left.</summary>
    Left,

    /// <summary>The patient's right.</summary>
    Right,
}
