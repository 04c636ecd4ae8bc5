namespace SpineKit.Imaging;

/// <summary>A VOI window: the range of modality values, centred on <see cref="Center"/>, spread over the display range.</summary>
/// <param name="Center">Window centre, in modality units.</param>
/// <param name="Width">Window width, in modality units (at least 1 for LINEAR, above 0 otherwise).</param>
public readonly record struct VoiWindow(double Center, double Width);
