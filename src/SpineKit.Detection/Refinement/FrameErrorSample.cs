using System.Globalization;
using SpineKit.Anatomy;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Training;

namespace SpineKit.Detection.Refinement;

/// <summary>
/// The first stages' frame errors measured on labelled films: for every vertebra found at its true level, how
/// far the crop framed on the found corners lies from the crop framed on the true ones. Training crops are
/// jittered by draws from this sample, so the refiner learns the errors it will meet. Errors that are not
/// local (a wrong level, a rib) are left out: undoing those is the chain's job, not the refiner's.
/// </summary>
internal sealed class FrameErrorSample
{
    private FrameErrorSample(IReadOnlyList<FrameError> errors) => Errors = errors;

    /// <summary>The measured errors.</summary>
    public IReadOnlyList<FrameError> Errors { get; }

    /// <summary>Runs <paramref name="detector"/> on each film and collects the local frame errors of its vertebrae.</summary>
    public static FrameErrorSample Measure(LandmarkDetector detector, IReadOnlyList<TrainingExample> films, double context, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(films);
        var errors = new List<FrameError>();
        var done = 0;
        foreach (var film in films)
        {
            errors.AddRange(ErrorsOf(Predict(detector, film), film.Truth, context));
            progress?.Report(++done);
        }

        return new FrameErrorSample(errors);
    }

    /// <summary>The detector's landmarks on a full-resolution film; a film it refuses gives none.</summary>
    internal static LandmarkSet? Predict(LandmarkDetector detector, TrainingExample film)
    {
        try
        {
            return detector.Detect(film.Input, imageName: film.Name).Landmarks;
        }
        catch (NoSpineFoundException)
        {
            return null;
        }
    }

    /// <summary>The local frame errors of <paramref name="predicted"/> against <paramref name="truth"/>, level by level.</summary>
    internal static IEnumerable<FrameError> ErrorsOf(LandmarkSet? predicted, LandmarkSet truth, double context)
    {
        if (predicted is null)
        {
            yield break;
        }

        foreach (var found in predicted.Vertebrae)
        {
            if (truth.Find(found.Level) is not { HasLowerEndplate: true } actual || !found.HasLowerEndplate)
            {
                continue;
            }

            var error = VertebraFrame.FromCorners(actual.CornerArray(), context).ErrorOf(VertebraFrame.FromCorners(found.CornerArray(), context));
            if (error.IsLocal)
            {
                yield return error;
            }
        }
    }

    /// <summary>One error drawn uniformly from the sample, scaled by a factor drawn from <paramref name="scale"/>.</summary>
    public FrameError Draw(Random random, (double Min, double Max) scale)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (Errors.Count == 0)
        {
            return default;
        }

        var e = Errors[random.Next(Errors.Count)];
        var factor = scale.Min + (random.NextDouble() * (scale.Max - scale.Min));
        return new FrameError(e.Along * factor, e.Across * factor, e.LogScale * factor, e.Turn * factor);
    }

    /// <summary>Root-mean-square of each component, for logs and the model card.</summary>
    public string Describe()
    {
        double Rms(Func<FrameError, double> part) => Errors.Count == 0 ? 0 : Math.Sqrt(Errors.Average(e => part(e) * part(e)));
        return string.Create(CultureInfo.InvariantCulture,
            $"{Errors.Count} vertebrae, RMS shift along {Rms(e => e.Along):0.0000} across {Rms(e => e.Across):0.0000} crop sides, log-scale {Rms(e => e.LogScale):0.0000}, turn {Rms(e => e.Turn) * 180 / Math.PI:0.00} deg");
    }

    /// <summary>Writes the sample as CSV (along, across, log_scale, turn_rad), so a resumed run uses the same one.</summary>
    public void Save(string path)
    {
        var lines = new List<string> { "along,across,log_scale,turn_rad" };
        lines.AddRange(Errors.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Along:R},{e.Across:R},{e.LogScale:R},{e.Turn:R}")));
        var temporary = path + ".tmp";
        File.WriteAllLines(temporary, lines);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a sample written by <see cref="Save"/>.</summary>
    public static FrameErrorSample Load(string path)
    {
        var errors = new List<FrameError>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var parts = line.Split(',');
            if (parts.Length != 4 || !parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            {
                throw new InvalidDataException($"{path}: the line '{line}' is not four numbers; delete the file to measure the errors again.");
            }

            var v = parts.Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            errors.Add(new FrameError(v[0], v[1], v[2], v[3]));
        }

        return new FrameErrorSample(errors);
    }

    /// <summary>A sample holding exactly <paramref name="errors"/> (tests, hand-made cases).</summary>
    public static FrameErrorSample Of(IEnumerable<FrameError> errors) => new([.. errors]);
}
