namespace SpineKit.Imaging.Transforms;

/// <summary>What <see cref="Crop"/> and <see cref="Pad"/> put where the source has no pixels.</summary>
public enum BorderMode
{
    /// <summary>A fixed value.</summary>
    Constant,

    /// <summary>The nearest edge pixel repeated (OpenCV <c>BORDER_REPLICATE</c>, NumPy <c>edge</c>).</summary>
    Edge,

    /// <summary>
    /// Mirror about the edge pixel without repeating it, <c>dcb|abcd|cba</c> (OpenCV <c>BORDER_REFLECT_101</c>,
    /// NumPy <c>reflect</c>); repeats periodically for pads wider than the image.
    /// </summary>
    Reflect,
}
