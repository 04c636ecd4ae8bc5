using System.Diagnostics;
using System.Globalization;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Anatomy.Metrics;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Refinement;
using SpineKit.Detection.Training;

namespace SpineKit.Benchmarks;

/// <summary>
/// <c>refiner-variants MODEL LOCATOR REFINER DATA [REFINER...]</c>: on the validation split of DATA (the trainers' seeded
/// split), runs the first stages once per film, then refines their result in each variant (none, one pass, test-time
/// flip, two passes, both; with more refiners, each alone and the ensemble averaging their corners) and prints one JSON
/// line per variant with its accuracy and its median seconds per film, so what a variant gains can be weighed against
/// its CPU time in one run.
/// </summary>
internal static class RefinerVariantsBenchmark
{
    public const string Usage = "MODEL LOCATOR REFINER DATA [REFINER...]  accuracy and seconds of refiner variants (and of an ensemble of the refiners) on the validation split";

    public static int Run(string[] args)
    {
        if (args.Length < 4 || !File.Exists(args[0]) || !File.Exists(args[1]) || !File.Exists(args[2]) || !Directory.Exists(args[3]) || !args[4..].All(File.Exists))
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
        var variants = new List<(string Name, CornerRefiner[] Refiners)>
        {
            ("none", []),
            ("one pass", [new CornerRefiner(model)]),
            ("flip", [new CornerRefiner(model) { TestTimeFlip = true }]),
            ("two passes", [new CornerRefiner(model) { Passes = 2 }]),
            ("flip, two passes", [new CornerRefiner(model) { TestTimeFlip = true, Passes = 2 }]),
        };
        if (args.Length > 4)
        {
            var members = args[2..3].Concat(args[4..]).Select(path => new CornerRefiner(CornerRefinerModel.Load(path))).ToArray();
            variants.AddRange(members.Skip(1).Select((member, i) => ($"alone: {Path.GetFileName(Path.GetDirectoryName(args[4 + i]))}", new[] { member })));
            variants.Add(($"ensemble of {members.Length}", members));
        }

        foreach (var (name, refiners) in variants)
        {
            var seconds = new List<double>();
            var refined = new List<LandmarkSet?>();
            for (var i = 0; i < validation.Count; i++)
            {
                var started = Stopwatch.GetTimestamp();
                refined.Add(refiners.Length == 0 || found[i] is null ? found[i] : Average([.. refiners.Select(refiner => refiner.Refine(validation[i].Input, found[i]!))]));
                seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
            }

            seconds.Sort();
            var score = RefinerTrainer.Score(validation, refined);
            var pairs = validation.Zip(refined).Where(pair => pair.Second is { Vertebrae.Count: >= 2 }).ToList();
            var pck = new[] { 0.05, 0.10 }.Select(fraction => LandmarkMetrics.PercentageOfCorrectKeypoints([.. pairs.Select(p => p.Second!)], [.. pairs.Select(p => p.First.Truth)], fraction)).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"benchmark\": \"refiner-variants\", \"variant\": \"{name}\", \"films\": {score.Values[5]}, \"mre_px\": {score.Values[0]:0.00}, \"pck_0.05_pct\": {pck[0]:0.0}, \"pck_0.10_pct\": {pck[1]:0.0}, \"smape_pct\": {score.Values[1]:0.000}, \"mae\": [{score.Values[2]:0.00}, {score.Values[3]:0.00}, {score.Values[4]:0.00}], \"refine_median_s\": {seconds[seconds.Count / 2]:0.0000}}}"));
        }

        return 0;
    }

    /// <summary>Each vertebra's corners averaged over the members' results (the levels are the first stages', the same in every member).</summary>
    private static LandmarkSet Average(IReadOnlyList<LandmarkSet> members)
    {
        if (members.Count == 1)
        {
            return members[0];
        }

        var first = members[0];
        return first.WithVertebrae(first.Vertebrae.Select(vertebra =>
        {
            var corners = members.Select(m => m.Find(vertebra.Level)!.CornerArray()).ToList();
            var mean = Enumerable.Range(0, 4).Select(k => new Point2(corners.Average(c => c[k].X), corners.Average(c => c[k].Y))).ToArray();
            return Vertebra.FromCorners(vertebra.Level, mean, vertebra.Confidence);
        }));
    }
}
