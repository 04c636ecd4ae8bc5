namespace SpineKit.Imaging.Formats.Png;

/// <summary>The colour type byte of a PNG IHDR chunk.</summary>
internal enum PngColorType : byte
{
    Grey = 0,
    Rgb = 2,
    Palette = 3,
    GreyAlpha = 4,
    Rgba = 6,
}
