using System.Globalization;
using SpineKit.Anatomy.Metrics;
using SpineKit.Detection.Evaluation;
using SpineKit.Detection.Inference;
using SpineKit.Detection.LevelNaming;
using SpineKit.Detection.Refinement;

namespace SpineKit.Benchmarks;

internal static class LevelProbeBenchmark
{
    public const string Usage = "MODEL LOCATOR REFINER LEVELS DATA SURROUNDINGS VIEW  probe";

    public static int Run(string[] args)
    {
        var model = LandmarkModel.Load(args[0]);
        var locator = LandmarkModel.Load(args[1]);
        var refiner = CornerRefinerModel.Load(args[2]);
        var levels = LevelClassifierModel.Load(args[3]);
        var surroundings = FullSpineDataset.Load(args[5]);
        var view = EvaluationViews.Parse(args[6]);
        var detector = new LandmarkDetector(model, locator, refiner, levels) { TransferLevels = args.Length > 7 };
        var locatorOnly = new LandmarkDetector(locator);
        var classifier = new LevelClassifier(levels) { TestTimeFlip = true };
        var probes = new Dictionary<string, (Anatomy.LandmarkSet Located, LevelNamingResult Named)>();
        var s = LandmarkEvaluator.Evaluate(
            (grey, spacing, name) =>
            {
                var p = detector.Detect(grey, spacing, imageName: name);
                var located = locatorOnly.Detect(grey, spacing, imageName: name).Landmarks;
                probes[name] = (located, classifier.Name(grey, located));
                return p;
            },
            model.Metadata, args[4], EvaluationSplit.Validation, view: view, surroundings: surroundings);
        foreach (var i in s.Images)
        {
            var (located, named) = probes[i.Name];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{i.Name}\t{i.LevelOffset}\t{LandmarkMetrics.LevelOffset(located, i.Truth)}\t{LandmarkMetrics.LevelOffset(named.Landmarks, i.Truth)}\t{named.Shift}\t{named.Margin:0.0}\t{i.MeanRadialError:0.0}\t{named.Landmarks.Vertebrae.Count}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SUMMARY smape {s.Smape:0.00} mre {s.MeanRadialError:0.0} mae {s.AngleMae.First:0.00}/{s.AngleMae.Second:0.00}/{s.AngleMae.Third:0.00} invented {s.ImagesWithInventedLevels} missed {s.MissedLevels} shifted {s.ImagesWithShiftedLevels} noangles {s.ImagesWithoutAngles} pck10 {s.Pck.First(p => Math.Abs(p.Fraction - 0.1) < 1e-9).Percentage:0.0}"));
        return 0;
    }
}
