using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using SpineKit.Anatomy.Labels;
using SpineKit.Anatomy.Metrics;

namespace SpineKit.Cli.Commands;

/// <summary><c>spinekit score</c>: compares a predicted label set with the truth, both in the challenge layout.</summary>
internal static class ScoreCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,

        // A metric with nothing to average is NaN; JSON has no literal for it, so it is written as "NaN".
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static Command Create()
    {
        var predicted = new Option<DirectoryInfo>("--pred") { Description = "Predicted labels: a folder with filenames.csv and landmarks.csv (angles.csv optional), or a dataset folder with labels/.", Required = true };
        var truth = new Option<DirectoryInfo>("--truth") { Description = "True labels, same layout.", Required = true };
        var images = new Option<DirectoryInfo?>("--images") { Description = "Image folder for sizes (default: the truth's images/); without it only angle metrics are printed." };
        var json = new Option<bool>("--json") { Description = "Print the metrics as JSON instead of a table." };
        var command = new Command("score", "Score predicted landmarks and angles against the truth: SMAPE, MAE, radial error, PCK and more.");
        command.Options.Add(predicted);
        command.Options.Add(truth);
        command.Options.Add(images);
        command.Options.Add(json);
        command.SetAction(parseResult =>
        {
            var predictedSet = ChallengeDataset.Load(parseResult.GetValue(predicted)!.FullName);
            var trueSet = ChallengeDataset.Load(parseResult.GetValue(truth)!.FullName);
            var imageFolder = parseResult.GetValue(images)?.FullName ?? trueSet.ImagesDirectory ?? predictedSet.ImagesDirectory;
            if (imageFolder is not null && !Directory.Exists(imageFolder))
            {
                throw new DirectoryNotFoundException($"image folder not found: {imageFolder}");
            }

            var card = ChallengeScoring.Score(predictedSet, trueSet, imageFolder is null ? null : name => ImageSizes.Of(Path.Combine(imageFolder, name)));
            var output = parseResult.InvocationConfiguration.Output;
            if (parseResult.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(ToJson(card), JsonOptions));
            }
            else
            {
                ScoreTable.Write(output, card);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static object ToJson(ScoreCard card) => new
    {
        card.Images,
        SmapePercent = card.Smape,
        MeanAbsoluteError = new[] { card.MeanAbsoluteError.First, card.MeanAbsoluteError.Second, card.MeanAbsoluteError.Third },
        card.CircularMeanAbsoluteError,
        card.MeanEuclidean,
        card.MeanManhattan,
        card.MeanChebyshev,
        MeanRadialErrorPixels = card.MeanRadialError,
        card.MeanRadialErrorMillimetres,
        Pck = card.Pck?.Select(p => new { p.Fraction, p.Percentage }),
        // The key keeps the spelling scripts reading the score JSON already know.
        NormalisedErrors = card.NormalizedErrors is { } n
            ? new { n.GlobalX, n.GlobalY, PerLevel = n.PerLevel.Select(l => new { Level = l.Level.ToString(), l.Count, l.MedianX, l.MedianY }) }
            : null,
    };
}
