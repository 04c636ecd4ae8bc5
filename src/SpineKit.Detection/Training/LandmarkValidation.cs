using SpineKit.Anatomy;
using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Metrics;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Preprocessing;

namespace SpineKit.Detection.Training;

/// <summary>Runs a detector over prepared examples and scores it: landmarks in original pixels, challenge angles.</summary>
internal static class LandmarkValidation
{
    /// <summary>Predicts every example (no hints) and returns the figures plus the predictions, in example order.</summary>
    public static (ValidationFigures Figures, IReadOnlyList<LandmarkSet> Predictions) Evaluate(LandmarkDetector detector, IReadOnlyList<TrainingExample> examples)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(examples);
        var predictions = new List<LandmarkSet>(examples.Count);
        foreach (var example in examples)
        {
            var size = example.Truth.Size;
            var frame = new InputFrame(size.Width, size.Height, example.Input.Width, example.Input.Height);
            predictions.Add(detector.DetectResized(example.Input, frame, imageName: example.Name));
        }

        var figures = Score(examples, predictions);
        return (figures, predictions);
    }

    /// <summary>
    /// Scores predictions (in example order; null where a film was refused, left out like a film with fewer than
    /// two vertebrae) against the examples' labels: mean radial error, challenge SMAPE and angle errors.
    /// </summary>
    public static ValidationFigures Score(IReadOnlyList<TrainingExample> examples, IReadOnlyList<LandmarkSet?> predictions)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(predictions);
        var scored = examples.Zip(predictions).Where(pair => pair.Second is { Vertebrae.Count: >= 2 }).ToList();
        if (scored.Count == 0)
        {
            return new ValidationFigures(0, double.NaN, double.NaN, default, double.NaN);
        }

        var predictedAngles = scored.Select(pair => ChallengeCobb.Compute(pair.Second!).Angles).ToList();
        var truthAngles = scored.Select(pair => pair.First.TruthAngles).ToList();
        return new ValidationFigures(
            scored.Count,
            LandmarkMetrics.MeanRadialError([.. scored.Select(pair => pair.Second!)], [.. scored.Select(pair => pair.First.Truth)]),
            AngleMetrics.Smape(predictedAngles, truthAngles),
            AngleMetrics.MeanAbsoluteError(predictedAngles, truthAngles),
            AngleMetrics.CircularMeanAbsoluteError(predictedAngles, truthAngles));
    }
}
