using System.Diagnostics;
using System.Globalization;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Geometry;

namespace SpineKit.Benchmarks;

/// <summary>
/// <c>anatomy [spines]</c>: times the challenge Cobb rules and the full <see cref="CobbAnalysis"/> on seeded
/// random 17-vertebra spines (default 20000) and prints one JSON line per measurement.
/// </summary>
internal static class AnatomyBenchmark
{
    public const string Usage = "[spines]  ChallengeCobb.Compute and CobbAnalysis.Analyze per spine (microseconds)";

    public static int Run(string[] args)
    {
        var count = 20000;
        if (args.Length > 1 || (args.Length == 1 && (!int.TryParse(args[0], CultureInfo.InvariantCulture, out count) || count < 1)))
        {
            Console.Error.WriteLine($"usage: anatomy {Usage}");
            return 2;
        }

        var random = new Random(481);
        var spines = Enumerable.Range(0, count).Select(_ => RandomSpine(random)).ToArray();
        Measure("ChallengeCobb.Compute", spines, s => ChallengeCobb.Compute(s).Angles.First);
        Measure("CobbAnalysis.Analyze", spines, s => CobbAnalysis.Analyze(s).Clinical.Curves.Count);
        return 0;
    }

    private static void Measure(string what, LandmarkSet[] spines, Func<LandmarkSet, double> run)
    {
        var sink = run(spines[0]);
        var clock = Stopwatch.StartNew();
        foreach (var spine in spines)
        {
            sink += run(spine);
        }

        clock.Stop();
        var microseconds = clock.Elapsed.TotalMicroseconds / spines.Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"benchmark\":\"anatomy\",\"what\":\"{what}\",\"spines\":{spines.Length},\"us_per_spine\":{microseconds:F3},\"checksum\":{sink:F3}}}"));
    }

    /// <summary>A smooth random spine: 17 rectangles whose tilts follow a random walk, centres following the tilts.</summary>
    private static LandmarkSet RandomSpine(Random random)
    {
        var vertebrae = new List<Vertebra>();
        var centre = new Point2(400, 80);
        var tilt = (random.NextDouble() - 0.5) * 20;
        foreach (var level in VertebraLevels.ChallengeLevels)
        {
            var radians = tilt * Math.PI / 180;
            var along = new Point2(Math.Cos(radians), -Math.Sin(radians)) * 25;
            var down = new Point2(Math.Sin(radians), Math.Cos(radians)) * 18;
            vertebrae.Add(new Vertebra(level, centre - along - down, centre + along - down, centre - along + down, centre + along + down));
            centre += new Point2(Math.Sin(radians), Math.Cos(radians)) * 45;
            tilt += (random.NextDouble() - 0.5) * 12;
        }

        return new LandmarkSet(new ImageSize(800, 1000), vertebrae);
    }
}
