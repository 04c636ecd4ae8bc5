using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.LevelNaming;

namespace SpineKit.Detection.Tests.LevelNaming;

public class LevelTransferTests
{
    private static readonly IReadOnlyList<VertebraLevel> Levels = VertebraLevels.ChallengeLevels;

    // Body k of a straight spine: 80 x 40 px, 70 px apart, its left edge at x (so two readings can be told apart).
    private static Vertebra Body(int k, VertebraLevel level, double x = 300, float confidence = 0.8f) =>
        Vertebra.FromCorners(level, [new Point2(x, 100 + (70 * k)), new Point2(x + 80, 100 + (70 * k)), new Point2(x, 140 + (70 * k)), new Point2(x + 80, 140 + (70 * k))], confidence);

    private static LandmarkSet Chain(IEnumerable<Vertebra> vertebrae, int height = 1600) => new(new ImageSize(800, height), vertebrae, null, "hand-made");

    // The corner model called bodies 0..16 T1..L5; the classifier's chain calls 1..17 T1..L5 (it says body 0 is C7).
    private static (LandmarkSet Corners, LandmarkSet Named) Disagreeing(int height = 1600) =>
        (Chain(Enumerable.Range(0, 17).Select(k => Body(k, Levels[k])), height), Chain(Enumerable.Range(1, 17).Select(k => Body(k, Levels[k - 1], x: 302)), height));

    [Fact]
    public void An_unsure_classifier_does_not_rename_a_whole_film_framed_like_the_training_films_and_says_so()
    {
        // The chain spans 1,230 of 1,600 px (0.77 of the height; training films span 0.72 to 1).
        var (corners, named) = Disagreeing();

        var (kept, flagged) = LevelTransfer.Decide(corners, named, Levels, margin: 3, wholeFilm: true);

        Assert.True(flagged);
        Assert.Same(corners, kept);
    }

    [Theory]
    [InlineData(6.0, true, 1600)] // the classifier is sure
    [InlineData(3.0, false, 1600)] // the corner model ran on a region cut around the locator's chain
    [InlineData(3.0, true, 2400)] // the spine fills 0.51 of the film's height: framed wider than any training film
    public void Otherwise_the_classifier_s_names_are_taken(double margin, bool wholeFilm, int height)
    {
        var (corners, named) = Disagreeing(height);

        var (renamed, flagged) = LevelTransfer.Decide(corners, named, Levels, margin, wholeFilm);

        Assert.False(flagged);
        Assert.Equal(LevelTransfer.Apply(corners, named, Levels).Vertebrae.Select(v => (v.Level, v.TopLeft)), renamed.Vertebrae.Select(v => (v.Level, v.TopLeft)));
        Assert.Equal(VertebraLevel.T1, renamed.Vertebrae[0].Level);
        Assert.Equal(170, renamed.Vertebrae[0].TopLeft.Y, 9);
    }

    [Fact]
    public void Agreeing_namings_are_never_in_doubt_whatever_the_margin()
    {
        var corners = Chain(Enumerable.Range(0, 17).Select(k => Body(k, Levels[k])));
        var named = Chain(Enumerable.Range(0, 16).Select(k => Body(k, Levels[k], x: 302)));

        var (result, flagged) = LevelTransfer.Decide(corners, named, Levels, margin: 0.1, wholeFilm: true);

        Assert.False(flagged);
        Assert.Equal(Levels, result.Vertebrae.Select(v => v.Level));
    }

    [Fact]
    public void A_chain_one_body_too_high_takes_the_anatomical_names_and_the_lost_end_from_the_named_chain()
    {
        // Bodies 0..17: the corner model called 0..16 T1..L5 (body 0 is really C7); the named chain has 1..17 as T1..L5.
        var corners = Chain(Enumerable.Range(0, 17).Select(k => Body(k, Levels[k])));
        var named = Chain(Enumerable.Range(1, 17).Select(k => Body(k, Levels[k - 1], x: 302, confidence: 0.5f)));

        var result = LevelTransfer.Apply(corners, named, Levels);

        Assert.Equal(Levels, result.Vertebrae.Select(v => v.Level));
        for (var i = 0; i < 16; i++)
        {
            // T1..L4 keep the corner model's corners (x = 300), one body further down than it had named them.
            Assert.Equal(100 + (70 * (i + 1)), result.Vertebrae[i].TopLeft.Y, 9);
            Assert.Equal(300, result.Vertebrae[i].TopLeft.X, 9);
        }

        // L5, which the corner chain lacked, comes from the named chain with its corners and confidence.
        Assert.Equal(302, result.Vertebrae[16].TopLeft.X, 9);
        Assert.Equal(100 + (70 * 17), result.Vertebrae[16].TopLeft.Y, 9);
        Assert.Equal(0.5f, result.Vertebrae[16].Confidence);
    }

    [Fact]
    public void An_end_neither_chain_has_is_extended_from_its_neighbours_and_marked_inferred()
    {
        // As above, but the named chain lacks L5 too: L5 is the body one step below L4, confidence 0.
        var corners = Chain(Enumerable.Range(0, 17).Select(k => Body(k, Levels[k])));
        var named = Chain(Enumerable.Range(1, 16).Select(k => Body(k, Levels[k - 1], x: 302)));

        var result = LevelTransfer.Apply(corners, named, Levels);

        Assert.Equal(Levels, result.Vertebrae.Select(v => v.Level));
        var l5 = result.Vertebrae[16];
        Assert.Equal(0, l5.Confidence);
        Assert.Equal(new Point2(300, 100 + (70 * 17)), l5.TopLeft);
        Assert.Equal(new Point2(380, 140 + (70 * 17)), l5.BottomRight);
    }

    [Fact]
    public void An_extension_that_would_leave_the_film_is_not_made()
    {
        // The slip pushed L5 out, and one body below L4 lies past the film's bottom edge (1600 px): L5 stays missing.
        var corners = Chain(Enumerable.Range(0, 17).Select(k => Body(k + 5, Levels[k])));
        var named = Chain(Enumerable.Range(1, 16).Select(k => Body(k + 5, Levels[k - 1], x: 302)));

        var result = LevelTransfer.Apply(corners, named, Levels);

        Assert.Equal(Levels.Take(16), result.Vertebrae.Select(v => v.Level));
    }

    [Fact]
    public void Agreeing_chains_keep_the_corner_model_s_vertebrae()
    {
        var corners = Chain(Enumerable.Range(0, 17).Select(k => Body(k, Levels[k])));
        var named = Chain(Enumerable.Range(0, 17).Select(k => Body(k, Levels[k], x: 302)));

        var result = LevelTransfer.Apply(corners, named, Levels);

        Assert.Equal(corners.Vertebrae.Select(v => (v.Level, v.TopLeft)), result.Vertebrae.Select(v => (v.Level, v.TopLeft)));
    }

    [Fact]
    public void One_disagreeing_body_does_not_move_the_chain()
    {
        // The named chain slips at a single body (named T8 where the corner model has T7): the median offset is 0.
        var corners = Chain(Enumerable.Range(0, 17).Select(k => Body(k, Levels[k])));
        var named = Chain(Enumerable.Range(0, 17).Where(k => k != 7).Select(k => Body(k, Levels[k == 6 ? 7 : k])));

        var result = LevelTransfer.Apply(corners, named, Levels);

        Assert.Equal(Levels, result.Vertebrae.Select(v => v.Level));
        Assert.Equal(100 + (70 * 6), result.Find(VertebraLevel.T7)!.TopLeft.Y, 9);
    }

    [Fact]
    public void Without_two_matching_bodies_the_names_stay()
    {
        var corners = Chain(Enumerable.Range(0, 17).Select(k => Body(k, Levels[k])));
        var far = Chain(Enumerable.Range(0, 17).Select(k => Body(k, Levels[Math.Min(16, k + 2)], x: 600)));

        var result = LevelTransfer.Apply(corners, far, Levels);

        Assert.Same(corners, result);
    }
}
