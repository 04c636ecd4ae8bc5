using System.CommandLine;
using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Labels;

namespace SpineKit.Cli.Commands;

/// <summary><c>spinekit angles</c>: recomputes the challenge's three Cobb angles from a dataset's landmarks.</summary>
internal static class AnglesCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Dataset folder with images/ and labels/ (filenames.csv, landmarks.csv).", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write angles.csv into (created if needed).", Required = true };
        var command = new Command("angles", "Compute the AASCE challenge's three Cobb angles for every image of a dataset, exactly as the organisers did.");
        command.Options.Add(data);
        command.Options.Add(output);
        command.SetAction(parseResult =>
        {
            var dataset = ChallengeDataset.Load(parseResult.GetValue(data)!.FullName);
            var images = dataset.ImagesDirectory ?? throw new DirectoryNotFoundException($"no images/ folder beside {dataset.LabelsDirectory}: the rules need each image's size");
            var results = dataset.Entries
                .Select(e => ChallengeCobb.Compute(e.ToLandmarkSet(ImageSizes.Of(Path.Combine(images, e.FileName)))).Angles)
                .ToArray();
            var folder = Directory.CreateDirectory(parseResult.GetValue(output)!.FullName);
            var path = Path.Combine(folder.FullName, ChallengeDataset.AnglesFile);
            ChallengeDataset.WriteAngles(path, results);

            var writer = parseResult.InvocationConfiguration.Output;
            writer.WriteLine($"wrote {results.Length} angle triples to {path}");
            if (dataset.HasAngles)
            {
                var deviation = dataset.Entries.Zip(results).Max(p => Enumerable.Range(0, AngleTriple.Count).Max(c => Math.Abs(p.First.Angles!.Value[c] - p.Second[c])));
                writer.WriteLine($"largest difference from the dataset's angles.csv: {deviation:F4} degrees");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
