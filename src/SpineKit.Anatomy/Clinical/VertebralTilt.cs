namespace SpineKit.Anatomy.Clinical;

/// <summary>
/// The tilts of one vertebra in degrees against the image horizontal, positive when the image-right end is
/// higher on the image (counter-clockwise as displayed).
/// </summary>
/// <param name="Level">The vertebra.</param>
/// <param name="Body">Tilt of the line from the midpoint of the left wall to the midpoint of the right wall.</param>
/// <param name="UpperEndplate">Tilt of the upper endplate.</param>
/// <param name="LowerEndplate">Tilt of the lower endplate, or null when it is not labelled.</param>
public sealed record VertebralTilt(VertebraLevel Level, double Body, double UpperEndplate, double? LowerEndplate);
