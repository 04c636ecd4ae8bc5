namespace SpineKit.Imaging.Transforms;

/// <summary>How <see cref="Resize"/> computes each destination sample. All modes replicate the edge pixels.</summary>
public enum ResizeMode
{
    /// <summary>
    /// Two-tap linear interpolation at the mapped pixel centre (OpenCV <c>INTER_LINEAR</c>, PyTorch bilinear
    /// without antialias). Aliases when shrinking by more than 2x; use <see cref="Area"/> or
    /// <see cref="Antialiased"/> for that.
    /// </summary>
    Bilinear,

    /// <summary>
    /// Four-tap cubic convolution (Keys). The coefficient is a parameter of <see cref="Resize"/>: -0.5 (the default,
    /// Pillow's, reproduces quadratics exactly) or -0.75 (OpenCV's <c>INTER_CUBIC</c>, slightly sharper).
    /// </summary>
    Bicubic,

    /// <summary>
    /// Exact pixel-area averaging: each destination pixel is the mean of the source area it covers, partial pixels
    /// weighted by their overlap (OpenCV <c>INTER_AREA</c> when shrinking; an integer factor gives block means).
    /// When enlarging, a destination pixel copies the source pixel it lies in and blends only where it straddles
    /// a source pixel boundary (OpenCV interpolates there instead); use <see cref="Bilinear"/> to enlarge.
    /// </summary>
    Area,

    /// <summary>
    /// Triangle filter whose support grows with the shrink factor (Pillow's antialiased bilinear): smoother than
    /// <see cref="Area"/> when shrinking, plain bilinear when enlarging. Taps outside the image are dropped and the
    /// rest renormalised, as Pillow does.
    /// </summary>
    Antialiased,
}
