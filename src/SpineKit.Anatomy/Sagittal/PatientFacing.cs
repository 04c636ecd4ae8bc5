namespace SpineKit.Anatomy.Sagittal;

/// <summary>Which image side the patient's front (anterior) is on in a lateral view.</summary>
public enum PatientFacing
{
    /// <summary>The patient faces the image's right edge (anterior corners have larger x).</summary>
    ImageRight,

    /// <summary>The patient faces the image's left edge (anterior corners have smaller x).</summary>
    ImageLeft,
}
