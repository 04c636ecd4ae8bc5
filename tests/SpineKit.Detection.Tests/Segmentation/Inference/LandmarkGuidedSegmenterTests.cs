using SpineKit.Detection.Inference;
using SpineKit.Detection.Segmentation.Inference;
using SpineKit.Detection.Segmentation.Networks;
using SpineKit.Detection.Segmentation.PostProcessing;
using SpineKit.Detection.Tests.Segmentation.Networks;
using SpineKit.Imaging;
using SpineKit.TestSupport;

namespace SpineKit.Detection.Tests.Segmentation.Inference;

/// <summary>
/// The vote skipped where the guide decides every pixel: the shipped corner model finds the sample's spine, an
/// untrained tiny network votes (its mask is noise, so any pixel the vote still decided would show).
/// </summary>
public sealed class LandmarkGuidedSegmenterTests
{
    private static readonly Lazy<Image<float>> Sample = new(() => ImageReader.Read(RepositoryFiles.Sample).ToGrayscale());

    private static SegmentationEnsemble Untrained() =>
        new([SegmentationModel.FromNetwork(new SegmentationNet(SegmentationNetTests.Tiny("plain"), new Random(3)))]);

    [Fact]
    public void AGuideThatDecidesEveryPixelGivesTheSameMaskWithAndWithoutTheVote()
    {
        var detector = new LandmarkDetector(LandmarkModel.Load(RepositoryFiles.Model));
        var ensemble = Untrained();

        var voted = new LandmarkGuidedSegmenter(ensemble, detector, LandmarkGuide.Default) { VoteWhenDecided = true }.Segment(Sample.Value);
        var skipped = new LandmarkGuidedSegmenter(ensemble, detector, LandmarkGuide.Default) { VoteWhenDecided = false }.Segment(Sample.Value);

        Assert.True(LandmarkGuide.Default.DecidesEverything);
        Assert.NotNull(voted.Vote);
        Assert.Null(skipped.Vote);
        Assert.Equal(0, skipped.VoteSeconds);
        Assert.True(voted.Guided && skipped.Guided);
        Assert.Contains(skipped.Mask.Pixels, p => p == 255);
        Assert.Equal(voted.Mask.Pixels, skipped.Mask.Pixels);
        Assert.Equal(voted.LevelLabels().Pixels, skipped.LevelLabels().Pixels);

        // The untrained vote disagrees with the quadrilaterals, so the equality above is not the vote agreeing by chance.
        Assert.NotEqual(voted.Vote!.FinalMask.Pixels, voted.Mask.Pixels);
    }

    [Fact]
    public void AGuideThatLeavesTheVoteASayStillRunsItAndDecidesEverythingMatchesTheRegion()
    {
        var detector = new LandmarkDetector(LandmarkModel.Load(RepositoryFiles.Model));
        var margin = new LandmarkGuide(0.1, 0, CutGaps: false, InteriorInset: 0);

        var result = new LandmarkGuidedSegmenter(Untrained(), detector, margin) { VoteWhenDecided = false }.Segment(Sample.Value);

        Assert.False(margin.DecidesEverything);
        Assert.NotNull(result.Vote);
        Assert.Equal(margin.Apply(result.Vote!.FinalMask, result.Landmarks).Pixels, result.Mask.Pixels);

        // Independently of the property: a guide decides everything exactly when its region has no pixel the vote decides.
        foreach (var guide in LandmarkGuide.SweepGrid.Where(g => g.InteriorInset is null or 0))
        {
            var region = guide.Region(result.Landmarks!);
            Assert.Equal(!region.Pixels.Contains(LandmarkGuide.VoteDecides), guide.DecidesEverything);
        }
    }

    [Fact]
    public void TheVoteRunsWhereTheLandmarkStagesFindNoSpine()
    {
        var detector = new LandmarkDetector(
            LandmarkModel.Load(RepositoryFiles.Model),
            LandmarkModel.Load(RepositoryFiles.LocatorModel));
        var blank = new Image<float>(300, 900);
        Array.Fill(blank.Pixels, 0.5f);

        var result = new LandmarkGuidedSegmenter(Untrained(), detector, LandmarkGuide.Default) { VoteWhenDecided = false }.Segment(blank);

        Assert.Null(result.Landmarks);
        Assert.False(result.Guided);
        Assert.NotNull(result.Vote);
        Assert.Equal(result.Vote!.FinalMask.Pixels, result.Mask.Pixels);
    }
}
