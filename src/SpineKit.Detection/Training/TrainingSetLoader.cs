using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Labels;
using SpineKit.Detection.Preprocessing;
using SpineKit.Imaging;

namespace SpineKit.Detection.Training;

/// <summary>
/// Loads a dataset folder (<c>images/</c> + <c>labels/</c> in the challenge layout): decodes each
/// radiograph once, resizes it to the network input, and sanitises its labels (sorting vertebrae and
/// corners), reporting every label problem found rather than hiding it.
/// </summary>
internal static class TrainingSetLoader
{
    /// <summary>Loads every labelled image; decoding runs on all cores, results keep the labels' order.</summary>
    /// <param name="datasetDirectory">Folder holding <c>images/</c> and <c>labels/</c>.</param>
    /// <param name="inputWidth">Network input width.</param>
    /// <param name="inputHeight">Network input height.</param>
    /// <param name="report">Receives one line per image with label problems.</param>
    /// <param name="progress">Receives the number of images loaded so far.</param>
    public static IReadOnlyList<TrainingExample> Load(string datasetDirectory, int inputWidth, int inputHeight, Action<string>? report = null, IProgress<int>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputHeight, 1);
        return Load(datasetDirectory, (inputWidth, inputHeight), report, progress);
    }

    /// <summary>
    /// Loads every labelled image at its original resolution (for stages that crop from the original film, as the
    /// corner refiner): <see cref="TrainingExample.Input"/> is the whole film and the corners are in its pixels.
    /// </summary>
    public static IReadOnlyList<TrainingExample> LoadFullResolution(string datasetDirectory, Action<string>? report = null, IProgress<int>? progress = null) =>
        Load(datasetDirectory, null, report, progress);

    /// <summary>
    /// <see cref="LoadFullResolution"/> split into training and validation films by the seeded split the corner model
    /// used (so validation films stay unseen by every stage); logs what was loaded and refuses an empty training side.
    /// </summary>
    public static (List<TrainingExample> Training, List<TrainingExample> Validation) LoadFullResolutionSplit(string datasetDirectory, int splitSeed, double validationFraction, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var clock = Stopwatch.StartNew();
        var films = LoadFullResolution(datasetDirectory, line => log($"label issue (sanitised): {line}"));
        var validationNames = DatasetSplit.ValidationNames(films.Select(e => e.Name), splitSeed, validationFraction);
        var training = films.Where(e => !validationNames.Contains(e.Name)).ToList();
        var validation = films.Where(e => validationNames.Contains(e.Name)).ToList();
        log(string.Create(CultureInfo.InvariantCulture, $"{films.Count} films loaded at full resolution in {clock.Elapsed.TotalSeconds:0}s: {training.Count} for training, {validation.Count} for validation"));
        if (training.Count == 0)
        {
            throw new InvalidDataException("No training images are left after the validation split.");
        }

        return (training, validation);
    }

    private static IReadOnlyList<TrainingExample> Load(string datasetDirectory, (int Width, int Height)? inputSize, Action<string>? report, IProgress<int>? progress)
    {
        var dataset = ChallengeDataset.Load(datasetDirectory);
        TrainingLevels.Check(dataset);
        if (dataset.ImagesDirectory is null)
        {
            throw new DirectoryNotFoundException($"No images/ folder beside the labels in {datasetDirectory}.");
        }

        var examples = new TrainingExample[dataset.Entries.Count];
        var issues = new string?[dataset.Entries.Count];
        var unreadable = new string?[dataset.Entries.Count];
        var loaded = 0;
        Parallel.For(0, dataset.Entries.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var entry = dataset.Entries[i];
            var path = dataset.ImagePath(entry)!;
            Imaging.Image<float> grey;
            try
            {
                grey = ImageReader.Read(path).ToGrayscale();
            }
            catch (Exception exception) when (exception is ImageFormatException or IOException or UnauthorizedAccessException)
            {
                // Collected and reported together: a damaged training image is never trained on, and the user
                // should learn about all of them at once, not one per run.
                unreadable[i] = $"{entry.FileName}: {exception.Message}";
                return;
            }

            var truth = entry.ToLandmarkSet(new Anatomy.Geometry.ImageSize(grey.Width, grey.Height));
            var sanitized = LabelSanitizer.Sanitize(truth);
            if (!sanitized.IsClean)
            {
                issues[i] = $"{entry.FileName}: {string.Join("; ", sanitized.Issues.Select(issue => issue.ToString()))}";
            }

            var (inputWidth, inputHeight) = inputSize ?? (grey.Width, grey.Height);
            var frame = new InputFrame(grey.Width, grey.Height, inputWidth, inputHeight);
            // The corner model's targets name bodies by their place in the list, so they take the unbroken run of
            // levels from the top: a body the sanitizer dropped (a corner not a number, an outline stretched over the
            // film) would otherwise rename every body below it.
            var run = ContiguousRun(sanitized.Landmarks.Vertebrae);
            var corners = run.SelectMany(v => v.CornerArray()).Select(frame.ToInput).ToArray();
            var angles = entry.Angles ?? ChallengeCobb.Compute(truth).Angles;
            var input = inputSize is null ? grey : InputNormalizer.Resize(grey, inputWidth, inputHeight);
            examples[i] = new TrainingExample(entry.FileName, input, corners, sanitized.Landmarks, angles);
            progress?.Report(Interlocked.Increment(ref loaded));
        });

        var failures = unreadable.Where(line => line is not null).ToList();
        if (failures.Count > 0)
        {
            throw new InvalidDataException(
                $"{failures.Count} training image(s) in {dataset.ImagesDirectory} could not be read, so nothing was trained: {string.Join("; ", failures.Take(5))}{(failures.Count > 5 ? "; ..." : string.Empty)}");
        }

        foreach (var line in issues)
        {
            if (line is not null)
            {
                report?.Invoke(line);
            }
        }

        return examples;
    }

    /// <summary>The vertebrae from the first up to the first gap in their levels.</summary>
    internal static List<Anatomy.Vertebra> ContiguousRun(IReadOnlyList<Anatomy.Vertebra> vertebrae)
    {
        var run = new List<Anatomy.Vertebra>();
        foreach (var vertebra in vertebrae)
        {
            if (run.Count > 0 && !Anatomy.VertebraLevels.AreAdjacent(run[^1].Level, vertebra.Level))
            {
                break;
            }

            run.Add(vertebra);
        }

        return run;
    }
}
