namespace SpineKit.Detection.Evaluation;

/// <summary>Which images of a dataset an evaluation covers.</summary>
public enum EvaluationSplit
{
    /// <summary>Every labelled image.</summary>
    All,

    /// <summary>Only the held-out images of the model's split.</summary>
    Validation,

    /// <summary>Only the images the model trained on.</summary>
    Training,
}
