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
        var predictedAngles = new List<AngleTriple>(examples.Count);
        foreach (var example in examples)
        {
            var size = example.Truth.Size;
            var frame = new InputFrame(size.Width, size.Height, example.Input.Width, example.Input.Height);
            var predicted = detector.DetectResized(example.Input, frame, imageName: example.Name);
            predictions.Add(predicted);
            predictedAngles.Add(ChallengeCobb.Compute(predicted).Angles);
        }

        var truthAngles = examples.Select(e => e.TruthAngles).ToList();
        var figures = new ValidationFigures(
            examples.Count,
            LandmarkMetrics.MeanRadialError(predictions, examples.Select(e => e.Truth).ToList()),
            AngleMetrics.Smape(predictedAngles, truthAngles),
            AngleMetrics.MeanAbsoluteError(predictedAngles, truthAngles),
            AngleMetrics.CircularMeanAbsoluteError(predictedAngles, truthAngles));
        return (figures, predictions);
    }
}
