using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Geometry;
using SpineKit.Anatomy.Labels;

namespace SpineKit.Anatomy.Metrics;

/// <summary>Scores a predicted challenge-layout label set against the truth, image by image in the truth's order.</summary>
public static class ChallengeScoring
{
    /// <summary>
    /// Pairs the two sets by file name and computes the <see cref="ScoreCard"/>. Angles come from each set's
    /// <c>angles.csv</c>, or, where it is missing, from its landmarks by <see cref="ChallengeCobb"/>; both that and
    /// the landmark metrics need <paramref name="imageSize"/> (file name to pixel size), which callers supply
    /// because Anatomy never reads images.
    /// </summary>
    public static ScoreCard Score(ChallengeDataset predicted, ChallengeDataset truth, Func<string, ImageSize>? imageSize)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(truth);
        if (truth.Entries.Count == 0)
        {
            throw new LabelFormatException(truth.LabelsDirectory, "the truth lists no images");
        }

        var byName = predicted.Entries.ToDictionary(e => e.FileName, StringComparer.Ordinal);
        var pairs = truth.Entries.Select(t => byName.TryGetValue(t.FileName, out var p)
            ? (Predicted: p, Truth: t)
            : throw new LabelFormatException(predicted.LabelsDirectory, $"no prediction for '{t.FileName}'")).ToArray();

        if (imageSize is null && (!predicted.HasAngles || !truth.HasAngles))
        {
            throw new LabelFormatException(
                predicted.HasAngles ? truth.LabelsDirectory : predicted.LabelsDirectory,
                "angles.csv is missing and no image folder was given to compute the angles from the landmarks");
        }

        var sizes = imageSize is null ? null : pairs.Select(p => imageSize(p.Truth.FileName)).ToArray();
        var predictedSets = sizes is null ? null : pairs.Select((p, i) => p.Predicted.ToLandmarkSet(sizes[i])).ToArray();
        var trueSets = sizes is null ? null : pairs.Select((p, i) => p.Truth.ToLandmarkSet(sizes[i])).ToArray();
        var predictedAngles = pairs.Select((p, i) => p.Predicted.Angles ?? ChallengeCobb.Compute(predictedSets![i]).Angles).ToArray();
        var trueAngles = pairs.Select((p, i) => p.Truth.Angles ?? ChallengeCobb.Compute(trueSets![i]).Angles).ToArray();
        return ScoreCard.Compute(predictedAngles, trueAngles, predictedSets, trueSets);
    }
}
