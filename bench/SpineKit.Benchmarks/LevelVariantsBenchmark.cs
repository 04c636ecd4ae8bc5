using System.Globalization;
using SpineKit.Detection.Evaluation;
using SpineKit.Detection.Inference;
using SpineKit.Detection.LevelNaming;
using SpineKit.Detection.Refinement;

namespace SpineKit.Benchmarks;

/// <summary>
/// <c>level-variants MODEL LOCATOR LEVELS DATA SURROUNDINGS [VIEWS] [REFINER] [VARIANTS]</c>: on the validation split of
/// DATA, shown in each field of view (usual, zoom3, lumbar, thoracic by default), evaluates the two-stage detector (with
/// REFINER when given) without the level classifier, with it naming the locator's chain after the locator's level
/// estimates on upright and mirrored crops (the shipped way), the same with the corner model's chain keeping its
/// positional names, on upright crops only, and instead of the estimates; one JSON line
/// per view and variant with the accuracy and the level-identity counts, so the variants are compared in one run.
/// </summary>
internal static class LevelVariantsBenchmark
{
    public const string Usage = "MODEL LOCATOR LEVELS DATA SURROUNDINGS [VIEWS] [REFINER] [VARIANTS]  level naming variants on the validation split's views (REFINER: a refiner file or 'none'; VARIANTS: their numbers from 0, comma-separated)";

    public static int Run(string[] args)
    {
        if (args.Length is < 5 or > 8 || !File.Exists(args[0]) || !File.Exists(args[1]) || !File.Exists(args[2]) || !Directory.Exists(args[3]) || !Directory.Exists(args[4]) || (args.Length > 6 && args[6] != "none" && !File.Exists(args[6])))
        {
            Console.Error.WriteLine($"usage: level-variants {Usage}");
            return 2;
        }

        var model = LandmarkModel.Load(args[0]);
        var locator = LandmarkModel.Load(args[1]);
        var levels = LevelClassifierModel.Load(args[2]);
        var surroundings = FullSpineDataset.Load(args[4]);
        var views = (args.Length > 5 ? args[5] : "usual,zoom3,lumbar,thoracic").Split(',').Select(EvaluationViews.Parse).ToList();
        var refiner = args.Length > 6 && args[6] != "none" ? CornerRefinerModel.Load(args[6]) : null;
        var refinerName = refiner is null ? "none" : Path.GetFileName(args[6]);
        var variants = new (string Name, LandmarkDetector Detector)[]
        {
            ("locator estimates", new LandmarkDetector(model, locator, refiner, null)),
            ("classifier (shipped: after the estimates, mirrored too, names given to the corner chain)", new LandmarkDetector(model, locator, refiner, levels)),
            ("classifier, its names given to the corner chain whatever its margin", new LandmarkDetector(model, locator, refiner, levels) { TransferMinimumMargin = 0 }),
            ("classifier, the corner chain keeping its own names", new LandmarkDetector(model, locator, refiner, levels) { TransferLevels = false }),
            ("classifier, upright crops only", new LandmarkDetector(model, locator, refiner, levels, locatorRelabels: true, flipLevels: false)),
            ("classifier without the locator's estimates", new LandmarkDetector(model, locator, refiner, levels, locatorRelabels: false, flipLevels: false)),
        };
        HashSet<int>? chosen = null;
        if (args.Length > 7)
        {
            chosen = [];
            foreach (var item in args[7].Split(','))
            {
                if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= variants.Length)
                {
                    Console.Error.WriteLine($"level-variants: VARIANTS takes numbers 0-{variants.Length - 1}, not '{item}'.");
                    return 2;
                }

                chosen.Add(index);
            }
        }

        foreach (var view in views)
        {
            foreach (var (index, (name, detector)) in variants.Index().Where(v => chosen is null || chosen.Contains(v.Index)))
            {
                var s = LandmarkEvaluator.Evaluate(detector, args[3], EvaluationSplit.Validation, view: view, surroundings: surroundings);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{{\"benchmark\": \"level-variants\", \"view\": \"{EvaluationViews.Name(view)}\", \"variant\": {index}, \"name\": \"{name}\", \"refiner\": \"{refinerName}\", \"films\": {s.Images.Count}, \"refused\": {s.Failed.Count}, \"smape_pct\": {s.Smape:0.00}, \"mre_px\": {s.MeanRadialError:0.0}, \"invented\": {s.InventedLevels}, \"images_invented\": {s.ImagesWithInventedLevels}, \"missed\": {s.MissedLevels}, \"images_shifted\": {s.ImagesWithShiftedLevels}, \"images_in_doubt\": {s.ImagesWithLabelsInDoubt}, \"no_angles\": {s.ImagesWithoutAngles}}}"));
            }
        }

        return 0;
    }
}
