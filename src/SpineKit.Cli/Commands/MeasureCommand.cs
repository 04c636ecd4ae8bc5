using System.CommandLine;
using System.Globalization;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Labels;
using SpineKit.Anatomy.Sagittal;
using SpineKit.Detection.Reporting;

namespace SpineKit.Cli.Commands;

/// <summary>
/// <c>spinekit measure --view lateral LABELS</c>: lumbar lordosis (L1-L5, L1-S1) and sacral slope from corners placed
/// by hand or predicted. LABELS is a <c>spinekit.analysis/1</c> JSON file (what <c>analyze --json</c> and the
/// correction page's Save write) or a label folder in the layout <c>train landmarks</c> reads (with <c>images/</c> for
/// the sizes and, for levels other than T1 downwards, <c>levels.csv</c>).
/// </summary>
internal static class MeasureCommand
{
    public static Command Create()
    {
        var labels = new Argument<FileSystemInfo>("LABELS") { Description = "A spinekit.analysis/1 JSON file, or a label folder (labels/ with filenames.csv, landmarks.csv and optionally levels.csv, beside images/)." };
        var view = new Option<string>("--view") { Description = "The film's view; lateral measures lordosis and sacral slope.", Required = true };
        view.AcceptOnlyFromAmong("lateral");
        var facing = new Option<string>("--facing") { Description = "The image side the patient faces; auto reads it from S1's upper endplate (its anterior end is the lower one).", DefaultValueFactory = _ => "auto" };
        facing.AcceptOnlyFromAmong("auto", "right", "left");

        var command = new Command("measure", "Measure a lateral film's lumbar lordosis (L1-L5, L1-S1) and sacral slope from its labelled corners.");
        command.Arguments.Add(labels);
        command.Options.Add(view);
        command.Options.Add(facing);
        command.SetAction(parseResult =>
        {
            var stated = parseResult.GetValue(facing) switch
            {
                "right" => PatientFacing.ImageRight,
                "left" => PatientFacing.ImageLeft,
                _ => (PatientFacing?)null,
            };
            var sets = Load(parseResult.GetValue(labels)!);
            var output = parseResult.InvocationConfiguration.Output;
            var problems = new List<string>();
            foreach (var set in sets)
            {
                problems.AddRange(Print(output, set, stated));
            }

            if (problems.Count == 0)
            {
                return ExitCodes.Success;
            }

            var error = parseResult.InvocationConfiguration.Error;
            foreach (var problem in problems)
            {
                error.WriteLine($"spinekit measure: {problem}");
            }

            return ExitCodes.ProcessingError;
        });
        return command;
    }

    private static IReadOnlyList<LandmarkSet> Load(FileSystemInfo labels)
    {
        if (labels is DirectoryInfo || Directory.Exists(labels.FullName))
        {
            var dataset = ChallengeDataset.Load(labels.FullName);
            var images = dataset.ImagesDirectory ?? throw new DirectoryNotFoundException($"no images/ folder beside {dataset.LabelsDirectory}: the angles need each image's size");
            var levels = LevelsCsv.ReadIfPresent(dataset.LabelsDirectory);
            var source = Path.Combine(dataset.LabelsDirectory, LevelsCsv.FileName);
            if (levels is not null && levels.Count != dataset.Entries.Count)
            {
                throw new LabelFormatException(source, $"{levels.Count} rows, but {ChallengeDataset.FilenamesFile} lists {dataset.Entries.Count} images");
            }

            return [.. dataset.Entries.Select((entry, i) =>
            {
                var size = ImageSizes.Of(Path.Combine(images, entry.FileName));
                return levels is null ? entry.ToLandmarkSet(size) : LevelsCsv.ToLandmarkSet(entry, levels[i], size, source);
            })];
        }

        if (!File.Exists(labels.FullName))
        {
            throw new FileNotFoundException($"labels not found: {labels.FullName}", labels.FullName);
        }

        return [AnalysisJsonReader.ReadFile(labels.FullName)];
    }

    // Prints one film's angles; returns what could not be measured, in words.
    private static IEnumerable<string> Print(TextWriter output, LandmarkSet set, PatientFacing? stated)
    {
        var name = set.ImageName ?? "labels";
        var named = string.Join(", ", set.Vertebrae.Select(v => VertebraLevels.Name(v.Level)));
        var facing = stated ?? SagittalFacing.Infer(set);
        if (facing is not { } known)
        {
            output.WriteLine($"{name}: not measured");
            return [$"{name}: the patient's facing is unknown (S1 is not labelled, or its upper endplate is level): say --facing right or --facing left. Labelled levels: {named}."];
        }

        var side = known == PatientFacing.ImageRight ? "right" : "left";
        output.WriteLine($"{name} (the patient faces the image {side}{(stated is null ? ", from S1's upper endplate" : string.Empty)})");
        var angles = SagittalAngles.Measure(set, known);
        Line(output, "lumbar lordosis L1-L5", angles.LordosisL1L5);
        Line(output, "lumbar lordosis L1-S1", angles.LordosisL1S1);
        Line(output, "sacral slope", angles.SacralSlope);
        return SagittalFacing.MissingLevels(set).Select(line => $"{name}: {line}; labelled levels: {named}.");
    }

    private static void Line(TextWriter output, string name, double? degrees) =>
        output.WriteLine(degrees is { } value
            ? string.Create(CultureInfo.InvariantCulture, $"  {name}: {value:0.00} degrees")
            : $"  {name}: not measured");
}
