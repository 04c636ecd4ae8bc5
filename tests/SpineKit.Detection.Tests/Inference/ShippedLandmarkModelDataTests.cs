using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Codecs;
using SpineKit.Detection.Evaluation;
using SpineKit.Detection.Inference;
using SpineKit.Detection.LevelNaming;
using SpineKit.Detection.Refinement;
using SpineKit.Imaging;
using SpineKit.TestSupport;

namespace SpineKit.Detection.Tests.Inference;

/// <summary>
/// The shipped landmark models against data no training saw: the corner model alone on its validation
/// split (its card: SMAPE 9.29 %, mean radial error 45.6 px), the two-stage detector on the same split and on
/// the held-out half of the full-spine films, and a CT slice that must not get a spine. The floors sit a
/// little beyond the measured figures, so a damaged model file or a broken decoder fails here.
/// </summary>
[Trait("Category", SharedData.Category)]
public class ShippedLandmarkModelDataTests
{
    private static LandmarkModel Corner() => LandmarkModel.Load(RepositoryFiles.Model);

    private static LandmarkModel Locator() => LandmarkModel.Load(RepositoryFiles.LocatorModel);

    private static LevelClassifierModel Levels() => LevelClassifierModel.Load(RepositoryFiles.LevelsModel);

    [Fact]
    public void TheCornerModelKeepsItsCardFiguresOnTheValidationSplit()
    {
        var summary = LandmarkEvaluator.Evaluate(new LandmarkDetector(Corner()), SharedData.PathOf("datasets/aasce-train"), EvaluationSplit.Validation);

        Assert.Equal(96, summary.Images.Count);
        Assert.InRange(summary.Smape, 8.5, 9.6);
        Assert.InRange(summary.MeanRadialError, 40, 47);
    }

    [Fact]
    public void TheTwoStageDetectorIsNoWorseOnChallengeFramedFilms()
    {
        var summary = LandmarkEvaluator.Evaluate(new LandmarkDetector(Corner(), Locator()), SharedData.PathOf("datasets/aasce-train"), EvaluationSplit.Validation);

        Assert.Empty(summary.Failed);
        Assert.True(summary.Smape <= 9.6, $"SMAPE {summary.Smape:0.00} %");
        Assert.True(summary.MeanRadialError <= 48, $"MRE {summary.MeanRadialError:0.0} px");
        Assert.Equal(0, summary.InventedLevels);
        Assert.True(summary.ImagesWithoutAngles <= 2, $"{summary.ImagesWithoutAngles} films called partial views");
    }

    [Fact]
    public void TheRefinerKeepsItsCardFiguresOnTheValidationSplit()
    {
        // Card: SMAPE 8.58 %, MAE 2.42 / 3.70 / 4.37 deg, MRE 45.4 px, PCK@0.1 55.7 % (locator + corners alone: 9.18 %, 46.1 px, 53.8 %).
        var refiner = CornerRefinerModel.Load(RepositoryFiles.RefinerModel);

        var summary = LandmarkEvaluator.Evaluate(new LandmarkDetector(Corner(), Locator(), refiner), SharedData.PathOf("datasets/aasce-train"), EvaluationSplit.Validation);

        Assert.Empty(summary.Failed);
        Assert.InRange(summary.Smape, 8.2, 8.9);
        Assert.InRange(summary.MeanRadialError, 44.5, 46.0);
        Assert.True(summary.AngleMae.First <= 2.6 && summary.AngleMae.Second <= 3.9 && summary.AngleMae.Third <= 4.6, $"MAE {summary.AngleMae}");
    }

    [Fact]
    public void TheLevelClassifierNamesLumbarViewsFromAnatomy()
    {
        // Card: lumbar-only views of the validation films through all four stages, MRE 55.6 px and 16 of 93 images
        // with an invented level (the locator's level estimates alone, without the refiner: 80.0 px and 30 images).
        // 93 since the labels of one film lost their stretched L5 (label sanitizer), which had made its view unreadable.
        var refiner = CornerRefinerModel.Load(RepositoryFiles.RefinerModel);

        var summary = LandmarkEvaluator.Evaluate(new LandmarkDetector(Corner(), Locator(), refiner, Levels()), SharedData.PathOf("datasets/aasce-train"), EvaluationSplit.Validation, view: EvaluationView.LumbarOnly);

        Assert.Equal(93, summary.Images.Count);
        Assert.True(summary.MeanRadialError <= 57, $"MRE {summary.MeanRadialError:0.0} px");
        Assert.True(summary.ImagesWithInventedLevels <= 19, $"{summary.ImagesWithInventedLevels} images with an invented level");
    }

    [Fact]
    public void TheTwoStageDetectorStaysInTheSpineCorridorOfHeldOutFullSpineFilms()
    {
        var films = FullSpineDataset.Load(SharedData.PathOf("datasets/fullspine-dev")).EvaluationFilms;

        var summary = FullSpineEvaluator.Evaluate(new LandmarkDetector(Corner(), Locator()), films);

        Assert.Equal(0, summary.FailedFilms);
        Assert.True(summary.CentersInCorridorPercent >= 99, $"{summary.CentersInCorridorPercent:0.0} % of centres in the corridor");
        Assert.True(summary.FilmsWithOutsidePredictions <= 2, $"{summary.FilmsWithOutsidePredictions} films with a vertebra outside it");
        Assert.True(summary.BoxesHitPercent >= 93, $"{summary.BoxesHitPercent:0.0} % of boxes hit");
    }

    [Fact]
    public void TheFourStagesKeepTheirFiguresOnTheValidationSplit()
    {
        // Level card (session 9): SMAPE 8.57 %, MRE 34.7 px, 18 of 96 films named a level or more off; renaming the
        // corner chain after the classifier every time gave 39.4 px and 22 films.
        var refiner = CornerRefinerModel.Load(RepositoryFiles.RefinerModel);

        var summary = LandmarkEvaluator.Evaluate(new LandmarkDetector(Corner(), Locator(), refiner, Levels()), SharedData.PathOf("datasets/aasce-train"), EvaluationSplit.Validation);

        Assert.Empty(summary.Failed);
        Assert.True(summary.Smape <= 8.8, $"SMAPE {summary.Smape:0.00} %");
        Assert.True(summary.MeanRadialError <= 36, $"MRE {summary.MeanRadialError:0.0} px");
        Assert.True(summary.ImagesWithShiftedLevels <= 19, $"{summary.ImagesWithShiftedLevels} films with shifted levels");
    }

    [Fact]
    public void CorrectionsOnAFullSpineFilmArePredictedOnTheRegionItWasMeasuredOn()
    {
        var refinerModel = CornerRefinerModel.Load(RepositoryFiles.RefinerModel);
        var detector = new LandmarkDetector(Corner(), Locator(), refinerModel, Levels());
        var interactive = new InteractiveRefiner(detector);
        var film = FullSpineDataset.Load(SharedData.PathOf("datasets/fullspine-dev")).EvaluationFilms[0];
        var grey = ImageReader.Read(film.ImagePath).ToGrayscale();

        var prepared = interactive.Prepare(grey);

        // Before any correction the page shows what analyze reports; the corner model saw the spine's region only.
        var automatic = interactive.Refine(prepared, []);
        Assert.Same(prepared.Automatic, automatic);
        Assert.Equal(Corners(detector.Detect(grey).Landmarks), Corners(automatic.Landmarks));
        var region = Assert.NotNull(prepared.Region);
        Assert.True(region.Width * region.Height < grey.Width * grey.Height / 2, $"region {region}");
        Assert.Equal((grey.Width, grey.Height), (prepared.FilmSize.Width, prepared.FilmSize.Height));

        // One corner moved a few pixels: it is kept exactly, in the film's pixels, and the rest of the chain stays on
        // the bodies it was on (the corner model run on the whole full-spine film instead lands elsewhere).
        var t8 = automatic.Landmarks.Find(VertebraLevel.T8)!;
        var hint = new CornerHint(VertebraLevel.T8, Anatomy.Corner.TopLeft, t8.TopLeft.X + 5, t8.TopLeft.Y + 3);
        var corrected = interactive.Refine(prepared, [hint]);

        Assert.Equal(new Point2(hint.X, hint.Y), corrected.Landmarks.Find(VertebraLevel.T8)!.TopLeft);
        var moved = automatic.Landmarks.Vertebrae
            .Where(v => v.Confidence > 0 && corrected.Landmarks.Find(v.Level) is not null)
            .Select(v => (corrected.Landmarks.Find(v.Level)!.Center - v.Center).Length / v.Height)
            .Order()
            .ToList();
        Assert.True(moved.Count >= 12, $"{moved.Count} vertebrae in both");
        Assert.True(moved[moved.Count / 2] < 0.3, $"median move {moved[moved.Count / 2]:0.00} body heights");
    }

    [Fact]
    public void ASmallCorrectionOfAChainNamedRightChangesOnlyTheClickedBody()
    {
        // Validation film 162 A: the labels put T2's top-left 0.8 of a body spacing below where the stages put it. With
        // that click the corner model renamed the whole chain a level off (26 -> 116 px in the simulation); the click
        // is smaller than a body, so only T2 may change (LocalCorrection).
        var (interactive, prepared, truth) = PrepareForCorrections("sunhl-1th-02-Jan-2017-162 A AP.jpg");
        var t2 = truth.Find(VertebraLevel.T2)!;
        var hint = new CornerHint(VertebraLevel.T2, Anatomy.Corner.TopLeft, t2.TopLeft.X, t2.TopLeft.Y);

        var corrected = interactive.Refine(prepared, [hint]);

        var automatic = prepared.Automatic!;
        Assert.Equal(new Point2(hint.X, hint.Y), corrected.Landmarks.Find(VertebraLevel.T2)!.TopLeft);
        foreach (var body in automatic.Landmarks.Vertebrae.Where(v => v.Level != VertebraLevel.T2))
        {
            Assert.Equal(body.CornerArray(), corrected.Landmarks.Find(body.Level)!.CornerArray());
        }

        Assert.Equal(automatic.LabelsInDoubt, corrected.LabelsInDoubt);
        Assert.Same(automatic.LevelConfidence, corrected.LevelConfidence);
        var error = Anatomy.Metrics.LandmarkMetrics.MeanRadialError(corrected.Landmarks, truth);
        Assert.True(error < 40, $"{error:0.0} px after the click");
    }

    [Fact]
    public void AClickThatFixesOneEndOfTheChainDoesNotRenameTheOtherEnd()
    {
        // Validation film 53 B: the stages name T1-T10 right and the lumbar bodies a level off; the simulated user's
        // first click (the worst corner, in the lumbar spine) moves a corner by more than a body. Re-predicted with it
        // alone, the corner model put the lumbar end right and named the thoracic end a level off (50 -> 66 px); held
        // at its thoracic end, the chain is the more regular one and stands (FarEndAnchor; 11 px measured).
        var (interactive, prepared, truth) = PrepareForCorrections("sunhl-1th-25-Jul-2016-53 B AP.jpg");
        var hint = InteractiveEvaluator.WorstCorner(prepared.Automatic!.Landmarks, truth, []);

        var corrected = interactive.Refine(prepared, [hint]);

        var clicked = corrected.Landmarks.Find(hint.Level)!;
        Assert.Equal(new Point2(hint.X, hint.Y), clicked[hint.Corner]);
        var t1 = corrected.Landmarks.Find(VertebraLevel.T1)!;
        var trueT1 = truth.Find(VertebraLevel.T1)!;
        Assert.True((t1.Center - trueT1.Center).Length < 0.5 * trueT1.Height, $"T1 {(t1.Center - trueT1.Center).Length:0} px from the labelled T1");
        var error = Anatomy.Metrics.LandmarkMetrics.MeanRadialError(corrected.Landmarks, truth);
        Assert.True(error < 30, $"{error:0.0} px after the click");
    }

    [Fact]
    public void AClickTheCornerModelDoesNotTakeLeavesTheEarlierResultStandingNotAScatteredChain()
    {
        // Validation film 51 B (a dark upper thorax): the simulated user's fourth click (T6's top-left corner) was
        // re-predicted with T6's other three corners on a body two levels lower and the chain above renamed by up to
        // three levels (42.6 -> 312.2 px). HintAgreement finds the kept corner far from where its body puts it, and the
        // third click's result with T6 moved to the click stands (35.0 px measured).
        var (interactive, prepared, truth) = PrepareForCorrections("sunhl-1th-25-Jul-2016-51 B AP.jpg");
        var hints = new List<CornerHint>();
        var current = prepared.Automatic!.Landmarks;
        double before = 0;
        for (var click = 1; click <= 4; click++)
        {
            before = Anatomy.Metrics.LandmarkMetrics.MeanRadialError(current, truth);
            hints.Add(InteractiveEvaluator.WorstCorner(current, truth, hints));
            current = interactive.Refine(prepared, hints).Landmarks;
        }

        Assert.All(hints, h => Assert.Equal(new Point2(h.X, h.Y), current.Find(h.Level)![h.Corner]));
        var error = Anatomy.Metrics.LandmarkMetrics.MeanRadialError(current, truth);
        Assert.True(error <= before + 5, $"{before:0.0} px before the fourth click, {error:0.0} px after it");
        Assert.True(HintAgreement.Worst(current, hints) <= HintAgreement.Limit, $"the hints disagree with their bodies by {HintAgreement.Worst(current, hints):0.00} mean sides");
    }

    /// <summary>All four shipped stages ready for corrections on one labelled film of the AASCE training data, and its sanitized labels.</summary>
    private static (InteractiveRefiner Interactive, PreparedRadiograph Prepared, LandmarkSet Truth) PrepareForCorrections(string fileName)
    {
        var refiner = CornerRefinerModel.Load(RepositoryFiles.RefinerModel);
        var interactive = new InteractiveRefiner(new LandmarkDetector(Corner(), Locator(), refiner, Levels()));
        var dataset = Anatomy.Labels.ChallengeDataset.Load(SharedData.PathOf("datasets/aasce-train"));
        var entry = dataset.Entries.Single(e => e.FileName == fileName);
        var image = ImageReader.Read(dataset.ImagePath(entry)!);
        var grey = image.ToGrayscale();
        var truth = Anatomy.Labels.LabelSanitizer.Sanitize(entry.ToLandmarkSet(new ImageSize(grey.Width, grey.Height))).Landmarks;
        return (interactive, interactive.Prepare(grey, RadiographSpacing.Of(image), entry.FileName), truth);
    }

    private static List<(VertebraLevel, Point2)> Corners(LandmarkSet set) =>
        [.. set.Vertebrae.SelectMany(v => v.CornerArray().Select(p => (v.Level, p)))];

    [Fact]
    public void ACtAnkleSliceHasNoSpine()
    {
        var grey = ImageReader.Read(SharedData.PathOf("datasets/dicom-samples/fodicom-CT-MONO2-16-ankle")).ToGrayscale();

        var error = Assert.Throws<NoSpineFoundException>(() => new LandmarkDetector(Corner(), Locator()).Detect(grey));

        Assert.Contains("No spine", error.Message, StringComparison.Ordinal);
    }
}
