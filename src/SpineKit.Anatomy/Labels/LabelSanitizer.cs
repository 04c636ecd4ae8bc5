using SpineKit.Anatomy.Geometry;
using SpineKit.Anatomy.Metrics;

namespace SpineKit.Anatomy.Labels;

/// <summary>
/// Repairs what can be repaired in a landmark set and reports everything, so label errors (about one image in
/// ten of the public AASCE labels) are never fixed silently. Corners are re-sorted per vertebra (the two with the
/// smallest x are left, then the smaller y of each side is top), vertebrae are sorted by centre y and keep the
/// input's levels in ascending order, and crossings, duplicates, gaps and points outside the image are flagged.
/// </summary>
public static class LabelSanitizer
{
    /// <summary>Consecutive centres further apart than this multiple of the median spacing count as a gap.</summary>
    public const double GapFactor = 1.8;

    /// <summary>Centres closer than this fraction of the median vertebra height count as duplicates.</summary>
    public const double DuplicateFraction = 0.25;

    /// <summary>An outline taller than this multiple of the set's median vertebra height is dropped as oversized.</summary>
    public const double OversizedFactor = 3;

    /// <summary>Sanitises <paramref name="landmarks"/>; the input is not modified.</summary>
    public static SanitizedLandmarks Sanitize(LandmarkSet landmarks)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        var issues = new List<LabelIssue>();
        var kept = new List<(Vertebra Vertebra, int Index)>();
        for (var i = 0; i < landmarks.Vertebrae.Count; i++)
        {
            var vertebra = landmarks.Vertebrae[i];
            var corners = vertebra.CornerArray();
            if (corners.Any(c => !c.IsFinite))
            {
                issues.Add(new LabelIssue(LabelIssueKind.NonFinite, i, vertebra.Level, $"{vertebra.Level} has a corner that is not a finite number; it was dropped."));
                continue;
            }

            foreach (var corner in vertebra.PresentCorners)
            {
                if (!landmarks.Size.Contains(vertebra[corner]))
                {
                    issues.Add(new LabelIssue(LabelIssueKind.OutOfImage, i, vertebra.Level, $"{vertebra.Level} corner {Corners.Name(corner)} {vertebra[corner]} lies outside the {landmarks.Size.Width}x{landmarks.Size.Height} image."));
                }
            }

            var sorted = SortCorners(corners);
            if (!sorted.AsSpan().SequenceEqual(corners))
            {
                issues.Add(new LabelIssue(LabelIssueKind.CornersReordered, i, vertebra.Level, $"{vertebra.Level} corners were not in tl, tr, bl, br order and were re-sorted."));
                vertebra = vertebra.WithCorners(sorted);
            }

            if (vertebra.HasLowerEndplate && IsDegenerate(vertebra))
            {
                issues.Add(new LabelIssue(LabelIssueKind.Degenerate, i, vertebra.Level, $"{vertebra.Level} outline crosses itself or has no area."));
            }

            kept.Add((vertebra, i));
        }

        DropOversized(kept, issues);
        foreach (var group in kept.GroupBy(k => k.Vertebra.Level).Where(g => g.Count() > 1))
        {
            issues.Add(new LabelIssue(LabelIssueKind.DuplicateLevel, group.ElementAt(1).Index, group.Key, $"{group.Count()} vertebrae are labelled {group.Key}."));
        }

        var byHeight = kept.OrderBy(k => k.Vertebra.Center.Y).ToList();
        if (!byHeight.Select(k => k.Index).SequenceEqual(kept.Select(k => k.Index)))
        {
            issues.Add(new LabelIssue(LabelIssueKind.VertebraeReordered, -1, null, "The vertebrae were not listed top to bottom and were re-sorted by centre height."));
        }

        // Levels describe positions along the spine, so after sorting by height the levels are dealt out in order.
        var levels = kept.Select(k => k.Vertebra.Level).Order().ToArray();
        var ordered = byHeight.Select((k, position) => (Vertebra: k.Vertebra.WithLevel(levels[position]), k.Index)).ToList();
        CheckNeighbours(ordered, issues);
        return new SanitizedLandmarks(landmarks.WithVertebrae(ordered.Select(o => o.Vertebra)), issues);
    }

    /// <summary>Puts corners into tl, tr, bl, br order: the two smallest x are left, then top before bottom on each side.</summary>
    public static Point2[] SortCorners(ReadOnlySpan<Point2> corners)
    {
        if (corners.Length == 2)
        {
            return corners[0].X <= corners[1].X ? [corners[0], corners[1]] : [corners[1], corners[0]];
        }

        if (corners.Length != 4)
        {
            throw new ArgumentException("Expected 2 or 4 corners.", nameof(corners));
        }

        // A stable sort keeps the given order between equal x, so an already sorted vertebra is left alone.
        var byX = corners.ToArray().Select((p, i) => (p, i)).OrderBy(t => t.p.X).ThenBy(t => t.i).Select(t => t.p).ToArray();
        var (topLeft, bottomLeft) = byX[0].Y <= byX[1].Y ? (byX[0], byX[1]) : (byX[1], byX[0]);
        var (topRight, bottomRight) = byX[2].Y <= byX[3].Y ? (byX[2], byX[3]) : (byX[3], byX[2]);
        return [topLeft, topRight, bottomLeft, bottomRight];
    }

    private static bool IsDegenerate(Vertebra v)
    {
        // Walk the outline tl, tr, br, bl: a simple quadrilateral has non-zero area and its opposite sides do not meet.
        var area = Point2.Cross(v.TopRight - v.TopLeft, v.BottomRight - v.TopLeft) + Point2.Cross(v.BottomRight - v.TopLeft, v.BottomLeft - v.TopLeft);
        return Math.Abs(area) < 1e-9
            || SegmentsCross(v.TopLeft, v.TopRight, v.BottomLeft, v.BottomRight)
            || SegmentsCross(v.TopLeft, v.BottomLeft, v.TopRight, v.BottomRight);
    }

    private static bool SegmentsCross(Point2 a, Point2 b, Point2 c, Point2 d)
    {
        var d1 = Point2.Cross(b - a, c - a);
        var d2 = Point2.Cross(b - a, d - a);
        var d3 = Point2.Cross(d - c, a - c);
        var d4 = Point2.Cross(d - c, b - c);
        return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
    }

    private static void DropOversized(List<(Vertebra Vertebra, int Index)> kept, List<LabelIssue> issues)
    {
        var heights = kept.Where(k => k.Vertebra.HasLowerEndplate).Select(k => k.Vertebra.Height).ToArray();
        if (heights.Length < 3)
        {
            return;
        }

        // One wild corner (the public labels have a lower endplate clicked at the top of a film) stretches its
        // re-sorted outline over the film; kept, it would be sorted into the middle and rename every level below it.
        var limit = OversizedFactor * Statistics.Median(heights);
        foreach (var (vertebra, index) in kept.Where(k => k.Vertebra.HasLowerEndplate && k.Vertebra.Height > limit).ToList())
        {
            issues.Add(new LabelIssue(LabelIssueKind.Oversized, index, vertebra.Level, $"{vertebra.Level} is {vertebra.Height:F0} px tall, over {OversizedFactor} times the median vertebra; it was dropped."));
            kept.RemoveAll(k => k.Index == index);
        }
    }

    private static void CheckNeighbours(List<(Vertebra Vertebra, int Index)> ordered, List<LabelIssue> issues)
    {
        if (ordered.Count < 2)
        {
            return;
        }

        var spacings = new double[ordered.Count - 1];
        for (var i = 0; i + 1 < ordered.Count; i++)
        {
            spacings[i] = Point2.Distance(ordered[i].Vertebra.Center, ordered[i + 1].Vertebra.Center);
        }

        var medianSpacing = Statistics.Median(spacings);
        var heights = ordered.Where(o => o.Vertebra.HasLowerEndplate).Select(o => o.Vertebra.Height).ToArray();
        var medianHeight = heights.Length > 0 ? Statistics.Median(heights) : medianSpacing;
        for (var i = 0; i + 1 < ordered.Count; i++)
        {
            var (upper, upperIndex) = ordered[i];
            var (lower, lowerIndex) = ordered[i + 1];
            if (upper.Level != lower.Level && !VertebraLevels.AreAdjacent(upper.Level, lower.Level))
            {
                issues.Add(new LabelIssue(LabelIssueKind.LevelGap, lowerIndex, lower.Level, $"{lower.Level} follows {upper.Level}: levels are missing between them."));
            }

            if (spacings[i] < DuplicateFraction * medianHeight)
            {
                issues.Add(new LabelIssue(LabelIssueKind.DuplicateVertebra, lowerIndex, lower.Level, $"{lower.Level} lies on top of {upper.Level} ({spacings[i]:F1} px apart)."));
            }
            else if (ordered.Count >= 3 && spacings[i] > GapFactor * medianSpacing)
            {
                issues.Add(new LabelIssue(LabelIssueKind.SpatialGap, lowerIndex, lower.Level, $"{upper.Level} and {lower.Level} are {spacings[i]:F1} px apart, {spacings[i] / medianSpacing:F1} times the median spacing."));
            }

            if (upper.HasLowerEndplate && upper.LowerEndplateMidpoint.Y > lower.UpperEndplateMidpoint.Y)
            {
                issues.Add(new LabelIssue(LabelIssueKind.Crossing, upperIndex, upper.Level, $"The lower endplate of {upper.Level} lies below the upper endplate of {lower.Level}."));
            }
        }
    }
}
