using SpineKit.Anatomy.Geometry;

namespace SpineKit.Anatomy.Sagittal;

/// <summary>
/// Lumbar lordosis and sacral slope on a lateral radiograph. Sign convention: an endplate's inclination is the
/// angle by which its anterior end lies below its posterior end (degrees, image y down, so the image's aspect
/// is taken as square). Sacral slope is the S1 upper endplate's inclination (normally about +40); lordosis
/// between two endplates is the lower one's inclination minus the upper one's, so a normal lordotic lumbar
/// spine is positive and a kyphotic one negative.
/// </summary>
public static class SagittalAngles
{
    /// <summary>The inclination of an endplate from its image-left to its image-right corner, anterior end down positive.</summary>
    public static double Inclination(Point2 left, Point2 right, PatientFacing facing)
    {
        var (anterior, posterior) = facing == PatientFacing.ImageRight ? (right, left) : (left, right);
        var forward = Math.Abs(anterior.X - posterior.X);
        return Math.Atan2(anterior.Y - posterior.Y, forward) * (180 / Math.PI);
    }

    /// <summary>Sacral slope: the inclination of S1's upper endplate.</summary>
    public static double SacralSlope(Vertebra s1, PatientFacing facing)
    {
        ArgumentNullException.ThrowIfNull(s1);
        return Inclination(s1.TopLeft, s1.TopRight, facing);
    }

    /// <summary>Lordosis from the upper endplate of <paramref name="upper"/> to the lower endplate of <paramref name="lower"/>.</summary>
    public static double LordosisToLowerEndplate(Vertebra upper, Vertebra lower, PatientFacing facing)
    {
        ArgumentNullException.ThrowIfNull(upper);
        ArgumentNullException.ThrowIfNull(lower);
        return Inclination(lower.BottomLeft, lower.BottomRight, facing) - Inclination(upper.TopLeft, upper.TopRight, facing);
    }

    /// <summary>Lordosis from the upper endplate of <paramref name="upper"/> to the upper endplate of <paramref name="lower"/> (for S1).</summary>
    public static double LordosisToUpperEndplate(Vertebra upper, Vertebra lower, PatientFacing facing)
    {
        ArgumentNullException.ThrowIfNull(upper);
        ArgumentNullException.ThrowIfNull(lower);
        return Inclination(lower.TopLeft, lower.TopRight, facing) - Inclination(upper.TopLeft, upper.TopRight, facing);
    }

    /// <summary>L1-L5 and L1-S1 lordosis and sacral slope, each null when its levels are absent.</summary>
    public static SagittalMeasurements Measure(LandmarkSet landmarks, PatientFacing facing)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        var l1 = landmarks.Find(VertebraLevel.L1);
        var l5 = landmarks.Find(VertebraLevel.L5);
        var s1 = landmarks.Find(VertebraLevel.S1);
        return new SagittalMeasurements(
            l1 is not null && l5 is { HasLowerEndplate: true } ? LordosisToLowerEndplate(l1, l5, facing) : null,
            l1 is not null && s1 is not null ? LordosisToUpperEndplate(l1, s1, facing) : null,
            s1 is not null ? SacralSlope(s1, facing) : null);
    }
}
