using System.Diagnostics;
using System.Globalization;
using SpineKit.Anatomy;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Refinement;
using SpineKit.Detection.Training;

namespace SpineKit.Benchmarks;

/// <summary>
/// <c>refiner-variants MODEL LOCATOR REFINER DATA</c>: on the validation split of DATA (the trainers' seeded split), runs
/// the first stages once per film, then refines their result in each variant (none, one pass, test-time flip, two
/// passes, both) and prints one JSON line per variant with its accuracy and its median seconds per film, so what a
/// variant gains can be weighed against its CPU time in one run.
/// </summary>
internal static class RefinerVariantsBenchmark
{
    public const string Usage = "MODEL LOCATOR REFINER DATA  accuracy and seconds of refiner variants on the validation split";

    public static int Run(string[] args)
    {
        if (args.Length != 4 || !File.Exists(args[0]) || !File.Exists(args[1]) || !File.Exists(args[2]) || !Directory.Exists(args[3]))
        {
            Console.Error.WriteLine($"usage: refiner-variants {Usage}");
            return 2;
        }

        var films = TrainingSetLoader.LoadFullResolution(args[3]);
        var validationNames = DatasetSplit.ValidationNames(films.Select(f => f.Name));
        var validation = films.Where(f => validationNames.Contains(f.Name)).ToList();
        var detector = new LandmarkDetector(LandmarkModel.Load(args[0]), LandmarkModel.Load(args[1]));
        var found = validation.Select(film => FrameErrorSample.Predict(detector, film)).ToList();
        var model = CornerRefinerModel.Load(args[2]);
        var variants = new (string Name, CornerRefiner? Refiner)[]
        {
            ("none", null),
            ("one pass", new CornerRefiner(model)),
            ("flip", new CornerRefiner(model) { TestTimeFlip = true }),
            ("two passes", new CornerRefiner(model) { Passes = 2 }),
            ("flip, two passes", new CornerRefiner(model) { TestTimeFlip = true, Passes = 2 }),
        };
        foreach (var (name, refiner) in variants)
        {
            var seconds = new List<double>();
            var refined = new List<LandmarkSet?>();
            for (var i = 0; i < validation.Count; i++)
            {
                var started = Stopwatch.GetTimestamp();
                refined.Add(refiner is null || found[i] is null ? found[i] : refiner.Refine(validation[i].Input, found[i]!));
                seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
            }

            seconds.Sort();
            var score = RefinerTrainer.Score(validation, refined);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"benchmark\": \"refiner-variants\", \"variant\": \"{name}\", \"films\": {score.Values[5]}, \"mre_px\": {score.Values[0]:0.00}, \"smape_pct\": {score.Values[1]:0.000}, \"mae\": [{score.Values[2]:0.00}, {score.Values[3]:0.00}, {score.Values[4]:0.00}], \"refine_median_s\": {seconds[seconds.Count / 2]:0.0000}}}"));
        }

        return 0;
    }
}
