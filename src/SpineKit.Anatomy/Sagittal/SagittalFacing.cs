namespace SpineKit.Anatomy.Sagittal;

/// <summary>Which way the patient faces on a lateral film, read from the labelled corners when the anatomy says so.</summary>
public static class SagittalFacing
{
    /// <summary>
    /// The facing implied by S1's upper endplate: in a standing patient the sacrum tilts forward, so the endplate's
    /// anterior end is the lower one (sacral slope is positive in practice). Null when S1 is not labelled or its
    /// endplate is level, so the caller must be told the facing.
    /// </summary>
    public static PatientFacing? Infer(LandmarkSet landmarks)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        if (landmarks.Find(VertebraLevel.S1) is not { } s1 || s1.TopRight.Y == s1.TopLeft.Y)
        {
            return null;
        }

        return s1.TopRight.Y > s1.TopLeft.Y ? PatientFacing.ImageRight : PatientFacing.ImageLeft;
    }

    /// <summary>What each sagittal angle needs, in words: "L1 and L5 (with its lower endplate)" and so on.</summary>
    public static IReadOnlyList<string> MissingLevels(LandmarkSet landmarks)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        var missing = new List<string>();
        var l1 = landmarks.Find(VertebraLevel.L1) is not null;
        var l5 = landmarks.Find(VertebraLevel.L5) is { HasLowerEndplate: true };
        var s1 = landmarks.Find(VertebraLevel.S1) is not null;
        if (!(l1 && l5))
        {
            missing.Add("lordosis L1-L5 needs L1 and L5 with all four corners");
        }

        if (!(l1 && s1))
        {
            missing.Add("lordosis L1-S1 needs L1 and S1 (S1's upper endplate at least)");
        }

        if (!s1)
        {
            missing.Add("sacral slope needs S1's upper endplate");
        }

        return missing;
    }
}
