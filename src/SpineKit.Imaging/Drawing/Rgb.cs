namespace SpineKit.Imaging.Drawing;

/// <summary>An 8-bit sRGB colour for overlays.</summary>
/// <param name="R">Red, 0..255.</param>
/// <param name="G">Green, 0..255.</param>
/// <param name="B">Blue, 0..255.</param>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>(0, 0, 0).</summary>
    public static Rgb Black => new(0, 0, 0);

    /// <summary>(255, 255, 255).</summary>
    public static Rgb White => new(255, 255, 255);

    /// <summary>(255, 0, 0).</summary>
    public static Rgb Red => new(255, 0, 0);

    /// <summary>(0, 255, 0).</summary>
    public static Rgb Green => new(0, 255, 0);

    /// <summary>(0, 0, 255).</summary>
    public static Rgb Blue => new(0, 0, 255);

    /// <summary>(255, 255, 0).</summary>
    public static Rgb Yellow => new(255, 255, 0);

    /// <summary>(0, 255, 255).</summary>
    public static Rgb Cyan => new(0, 255, 255);

    /// <summary>(255, 0, 255).</summary>
    public static Rgb Magenta => new(255, 0, 255);
}
