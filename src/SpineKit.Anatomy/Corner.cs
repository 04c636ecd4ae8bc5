namespace SpineKit.Anatomy;

/// <summary>A corner of a vertebral body as seen on the image (not the patient's left or right).</summary>
public enum Corner
{
    /// <summary>Upper endplate, image left.</summary>
    TopLeft,

    /// <summary>Upper endplate, image right.</summary>
    TopRight,

    /// <summary>Lower endplate, image left.</summary>
    BottomLeft,

    /// <summary>Lower endplate, image right.</summary>
    BottomRight,
}

/// <summary>The short corner names used in JSON ("tl", "tr", "bl", "br").</summary>
public static class Corners
{
    /// <summary>All four corners in the challenge's order.</summary>
    public static IReadOnlyList<Corner> All { get; } = [Corner.TopLeft, Corner.TopRight, Corner.BottomLeft, Corner.BottomRight];

    /// <summary>The JSON name of <paramref name="corner"/>.</summary>
    public static string Name(Corner corner) => corner switch
    {
        Corner.TopLeft => "tl",
        Corner.TopRight => "tr",
        Corner.BottomLeft => "bl",
        Corner.BottomRight => "br",
        _ => throw new ArgumentOutOfRangeException(nameof(corner), corner, "Not a corner."),
    };

    /// <summary>Parses "tl", "tr", "bl" or "br" (exact, lower case).</summary>
    public static bool TryParse(string? name, out Corner corner)
    {
        switch (name)
        {
            case "tl":
                corner = Corner.TopLeft;
                return true;
            case "tr":
                corner = Corner.TopRight;
                return true;
            case "bl":
                corner = Corner.BottomLeft;
                return true;
            case "br":
                corner = Corner.BottomRight;
                return true;
            default:
                corner = default;
                return false;
        }
    }
}
