namespace SpineKit.Imaging.Drawing;

/// <summary>Which points count as inside a self-intersecting or nested polygon (as in SVG's <c>fill-rule</c>).</summary>
public enum FillRule
{
    /// <summary>Inside where a ray crosses the outline an odd number of times; overlaps cancel into holes.</summary>
    EvenOdd,

    /// <summary>Inside where the outline winds around the point a non-zero number of times; overlaps stay filled.</summary>
    NonZero,
}
