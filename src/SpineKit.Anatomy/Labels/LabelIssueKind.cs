namespace SpineKit.Anatomy.Labels;

/// <summary>What <see cref="LabelSanitizer"/> found wrong with a landmark set.</summary>
public enum LabelIssueKind
{
    /// <summary>A corner is NaN or infinite; the vertebra is dropped.</summary>
    NonFinite,

    /// <summary>A corner lies outside the image rectangle.</summary>
    OutOfImage,

    /// <summary>A vertebra's corners were not in tl, tr, bl, br order and were re-sorted.</summary>
    CornersReordered,

    /// <summary>The vertebrae were not sorted top to bottom by centre and were re-sorted.</summary>
    VertebraeReordered,

    /// <summary>Two vertebrae claim the same level.</summary>
    DuplicateLevel,

    /// <summary>Two vertebrae lie on top of each other (centres closer than a quarter of a vertebra's height).</summary>
    DuplicateVertebra,

    /// <summary>Consecutive vertebrae skip a level.</summary>
    LevelGap,

    /// <summary>Consecutive vertebrae are far apart compared with the others (a vertebra may be missing).</summary>
    SpatialGap,

    /// <summary>A vertebra's lower endplate lies below the next vertebra's upper endplate.</summary>
    Crossing,

    /// <summary>A vertebra's outline crosses itself or has no area (even after re-sorting its corners).</summary>
    Degenerate,

    /// <summary>
    /// A vertebra's outline is many times taller than the others' (a corner clicked at the far end of the film); it
    /// cannot be told which corners are wrong, so the vertebra is dropped.
    /// </summary>
    Oversized,
}
