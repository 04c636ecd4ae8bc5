using SpineKit.Anatomy;
using SpineKit.Anatomy.Labels;

namespace SpineKit.Detection.Training;

/// <summary>
/// The levels a training set may name. The trainers read the challenge layout, whose rows are T1 downwards (T1 to L5
/// on a full film): the networks' level prior is built on that run. A <c>levels.csv</c> beside the labels (written by
/// the correction page's annotation mode) that names anything else is refused here, with what a lateral model would
/// need, rather than its rows being silently read as T1 downwards.
/// </summary>
internal static class TrainingLevels
{
    /// <summary>Throws <see cref="LabelFormatException"/> when <c>levels.csv</c> names a row that is not T1 downwards.</summary>
    public static void Check(ChallengeDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var rows = LevelsCsv.ReadIfPresent(dataset.LabelsDirectory);
        if (rows is null)
        {
            return;
        }

        var source = Path.Combine(dataset.LabelsDirectory, LevelsCsv.FileName);
        if (rows.Count != dataset.Entries.Count)
        {
            throw new LabelFormatException(source, $"{rows.Count} rows, but {ChallengeDataset.FilenamesFile} lists {dataset.Entries.Count} images");
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var entry = dataset.Entries[i];
            var count = entry.NormalisedCorners.Count / 4;
            if (rows[i].Count != count)
            {
                throw new LabelFormatException(source, $"{entry.FileName}: {rows[i].Count} levels named for {count} vertebrae in {ChallengeDataset.LandmarksFile}", i + 1);
            }

            if (count > VertebraLevels.ChallengeLevels.Count || !rows[i].SequenceEqual(VertebraLevels.ChallengeLevels.Take(count)))
            {
                var named = string.Join(",", rows[i].Select(VertebraLevels.Name));
                throw new LabelFormatException(
                    source,
                    $"{entry.FileName} is labelled {named}, but spinekit train trains the AP landmark models, which learn T1 to L5 only (each row T1 downwards, as the challenge layout has it). "
                    + "A lateral model (C2 to S1) needs its own level range in the network's level prior and lateral films labelled with it, which SpineKit cannot train yet; "
                    + "keep these labels for spinekit measure --view lateral, or export AP annotations of T1 to L5 for training",
                    i + 1);
            }
        }
    }
}
