using SpineKit.Anatomy.Geometry;
using SpineKit.Anatomy.Labels;
using SpineKit.Anatomy.Tests.Support;

namespace SpineKit.Anatomy.Tests.Labels;

public class LabelSanitizerTests
{
    private static readonly LandmarkSet Clean = SyntheticSpine.FromTilts([0, 5, 10, 5, 0, -5]);

    [Fact]
    public void CleanSpineHasNoIssues()
    {
        var result = LabelSanitizer.Sanitize(Clean);

        Assert.True(result.IsClean, string.Join("; ", result.Issues));
        Assert.Equal(Clean.CornerArray(), result.Landmarks.CornerArray());
    }

    [Fact]
    public void SwappedEndplatesAreReSortedAndReported()
    {
        var v = Clean.Vertebrae[2];
        var swapped = v.WithCorners([v.BottomRight, v.BottomLeft, v.TopRight, v.TopLeft]);
        var set = Clean.WithVertebrae(Clean.Vertebrae.Select((x, i) => i == 2 ? swapped : x));

        var result = LabelSanitizer.Sanitize(set);

        var issue = Assert.Single(result.Issues);
        Assert.Equal(LabelIssueKind.CornersReordered, issue.Kind);
        Assert.Equal(2, issue.VertebraIndex);
        Assert.Equal(VertebraLevel.T3, issue.Level);
        Assert.Equal(Clean.CornerArray(), result.Landmarks.CornerArray());
    }

    [Fact]
    public void ReversedListIsSortedTopToBottomWithLevelsDealtInOrder()
    {
        var result = LabelSanitizer.Sanitize(Clean.WithVertebrae(Clean.Vertebrae.Reverse()));

        Assert.Equal(LabelIssueKind.VertebraeReordered, Assert.Single(result.Issues).Kind);
        Assert.Equal(Clean.CornerArray(), result.Landmarks.CornerArray());
        Assert.Equal(Clean.Vertebrae.Select(v => v.Level), result.Landmarks.Vertebrae.Select(v => v.Level));
    }

    [Fact]
    public void DuplicatesGapsCrossingsAndOutsidePointsAreFlagged()
    {
        var v = Clean.Vertebrae;
        var duplicate = v[1].WithLevel(VertebraLevel.T3);
        var result = LabelSanitizer.Sanitize(Clean.WithVertebrae([v[0], v[1], duplicate, v[3], v[4]]));
        Assert.True(result.Has(LabelIssueKind.DuplicateVertebra));

        var gap = LabelSanitizer.Sanitize(Clean.WithVertebrae([v[0], v[1], v[3].WithLevel(VertebraLevel.T5), v[4].WithLevel(VertebraLevel.T6), v[5].WithLevel(VertebraLevel.T7)]));
        Assert.True(gap.Has(LabelIssueKind.LevelGap));
        Assert.True(gap.Has(LabelIssueKind.SpatialGap));
        Assert.Equal(gap.Issues.Select(i => i.Kind).Distinct(), gap.IssueKinds);
        Assert.Equal(gap.IssueKinds.Count, gap.IssueKinds.Distinct().Count());
        Assert.Empty(LabelSanitizer.Sanitize(Clean).IssueKinds);

        var sameLevel = LabelSanitizer.Sanitize(Clean.WithVertebrae([v[0], v[1].WithLevel(VertebraLevel.T1), v[2]]));
        Assert.True(sameLevel.Has(LabelIssueKind.DuplicateLevel));

        var tall = v[1].WithCorners([v[1].TopLeft, v[1].TopRight, v[1].BottomLeft + new Point2(0, 30), v[1].BottomRight + new Point2(0, 30)]);
        var crossing = LabelSanitizer.Sanitize(Clean.WithVertebrae([v[0], tall, v[2], v[3]]));
        Assert.Equal(VertebraLevel.T2, Assert.Single(crossing.Issues, i => i.Kind == LabelIssueKind.Crossing).Level);

        var outside = v[0].WithCorners([v[0].TopLeft with { Y = -3 }, v[0].TopRight, v[0].BottomLeft, v[0].BottomRight]);
        var outsideResult = LabelSanitizer.Sanitize(Clean.WithVertebrae([outside, .. v.Skip(1)]));
        Assert.Contains("corner tl", Assert.Single(outsideResult.Issues, i => i.Kind == LabelIssueKind.OutOfImage).Message);
    }

    [Fact]
    public void NonFiniteVerticesAreDroppedAndReported()
    {
        var v = Clean.Vertebrae;
        var broken = v[1].WithCorners([new Point2(double.NaN, 1), v[1].TopRight, v[1].BottomLeft, v[1].BottomRight]);

        var result = LabelSanitizer.Sanitize(Clean.WithVertebrae([v[0], broken, v[2]]));

        Assert.True(result.Has(LabelIssueKind.NonFinite));
        Assert.Equal(2, result.Landmarks.Vertebrae.Count);
    }

    [Fact]
    public void AnOutlineStretchedOverTheFilmIsDroppedAndTheOtherLevelsKeepTheirNames()
    {
        var v = Clean.Vertebrae;
        var last = v[^1];
        var stretched = last.WithCorners([last.TopLeft, last.TopRight, v[0].TopLeft - new Point2(0, 40), v[0].TopRight - new Point2(0, 40)]);

        var result = LabelSanitizer.Sanitize(Clean.WithVertebrae([.. v.SkipLast(1), stretched]));

        Assert.Equal(VertebraLevel.T6, Assert.Single(result.Issues, i => i.Kind == LabelIssueKind.Oversized).Level);
        Assert.Equal(v.SkipLast(1).Select(x => x.Level), result.Landmarks.Vertebrae.Select(x => x.Level));
        Assert.Equal(v.SkipLast(1).SelectMany(x => x.CornerArray()), result.Landmarks.CornerArray());
    }

    [Fact]
    public void CornerSortRule()
    {
        Point2[] scrambled = [new(10, 12), new(0, 0), new(9, -1), new(1, 11)];

        Assert.Equal([new(0, 0), new(9, -1), new(1, 11), new(10, 12)], LabelSanitizer.SortCorners(scrambled));
        Assert.Equal([new(1, 5), new(3, 4)], LabelSanitizer.SortCorners([new Point2(3, 4), new Point2(1, 5)]));
    }
}
