namespace SpineKit.Anatomy.Clinical;

/// <summary>
/// The side a curve is convex to, as seen on the image. Whether that is the patient's left or right depends
/// on how the radiograph is displayed (AP or PA), which the landmarks alone cannot tell.
/// </summary>
public enum CurveSide
{
    /// <summary>The curve bulges towards the image's left edge.</summary>
    ImageLeft,

    /// <summary>The curve bulges towards the image's right edge.</summary>
    ImageRight,
}
