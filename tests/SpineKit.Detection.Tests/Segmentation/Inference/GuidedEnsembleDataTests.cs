using SpineKit.Detection.Evaluation;
using SpineKit.Detection.Inference;
using SpineKit.Detection.LevelNaming;
using SpineKit.Detection.Refinement;
using SpineKit.Detection.Segmentation.Evaluation;
using SpineKit.Detection.Segmentation.Inference;
using SpineKit.Detection.Segmentation.PostProcessing;
using SpineKit.TestSupport;

namespace SpineKit.Detection.Tests.Segmentation.Inference;

/// <summary>
/// The shipped fold models behind the shipped landmark stages (locator, level classifier, corner model, refiner, as
/// <c>analyze</c> and <c>segment</c> load them) on the 96 held-out validation images, with the default guide. The
/// floors sit just below the figures in the model card (guided 0.8616, the vote alone 0.8335), so a change that
/// loses the guide's gain, or a broken landmark or segmentation path, fails here.
/// </summary>
[Trait("Category", SharedData.Category)]
public class GuidedEnsembleDataTests
{
    private const double GuidedDiceFloor = 0.855;
    private const double UnguidedDiceFloor = 0.83;

    [Fact]
    public void TheLandmarkGuideKeepsItsValidationDice()
    {
        var ensemble = SegmentationEnsemble.Load(RepositoryFiles.SegmentationModels);
        var detector = new LandmarkDetector(
            LandmarkModel.Load(RepositoryFiles.Model),
            LandmarkModel.Load(RepositoryFiles.LocatorModel),
            CornerRefinerModel.Load(RepositoryFiles.RefinerModel),
            LevelClassifierModel.Load(RepositoryFiles.LevelsModel));

        var summary = SegmentationEvaluator.Evaluate(
            ensemble, SharedData.PathOf("datasets/aasce-train"), EvaluationSplit.Validation, detector: detector, guide: LandmarkGuide.Default);

        Assert.Empty(summary.Failed);
        Assert.Equal(96, summary.Images.Count);
        Assert.True(summary.MeanDice >= GuidedDiceFloor, $"guided validation Dice {summary.MeanDice:0.0000} fell below {GuidedDiceFloor}");
        Assert.True(summary.MeanUnguidedDice >= UnguidedDiceFloor, $"the vote's validation Dice {summary.MeanUnguidedDice:0.0000} fell below {UnguidedDiceFloor}");
        Assert.True(summary.MeanDice > summary.MeanUnguidedDice, "the guide no longer improves on the vote");
        Assert.Equal(17, summary.MeanLevelDice.Count);
    }
}
