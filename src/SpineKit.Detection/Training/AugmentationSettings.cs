namespace SpineKit.Detection.Training;

/// <summary>Ranges of the random augmentation applied to every training image (all seeded).</summary>
public sealed record AugmentationSettings
{
    /// <summary>Rotation in degrees, uniform in [-value, value].</summary>
    public double MaxRotationDegrees { get; init; } = 10;

    /// <summary>Isotropic scale, uniform in [min, max].</summary>
    public double MinScale { get; init; } = 0.85;

    /// <summary>Isotropic scale upper bound.</summary>
    public double MaxScale { get; init; } = 1.15;

    /// <summary>Translation as a fraction of the input size, uniform in [-value, value] per axis.</summary>
    public double MaxShift { get; init; } = 0.05;

    /// <summary>
    /// Probability of reframing the spine vertically (stretching or squeezing it and moving it up or down,
    /// the border filled with the mean): a random vertical crop or extension of the field of view, so the
    /// network does not learn that T1 sits at the top edge and L5 at the bottom.
    /// </summary>
    public double VerticalFramingProbability { get; init; } = 0.3;

    /// <summary>Smallest vertical scale of the reframing (a wider field of view).</summary>
    public double MinVerticalScale { get; init; } = 0.7;

    /// <summary>Largest vertical scale of the reframing (a tighter crop; the spine always stays inside).</summary>
    public double MaxVerticalScale { get; init; } = 1.3;

    /// <summary>Probability of a horizontal flip (left and right corners are relabelled).</summary>
    public double FlipProbability { get; init; } = 0.5;

    /// <summary>Gamma, log-uniform in [1/value, value].</summary>
    public double MaxGamma { get; init; } = 1.5;

    /// <summary>Contrast factor about the mean, uniform in [1 - value, 1 + value].</summary>
    public double MaxContrastChange { get; init; } = 0.25;

    /// <summary>Standard deviation of additive Gaussian noise, uniform in [0, value].</summary>
    public double MaxNoise { get; init; } = 0.03;

    /// <summary>Probability of contrast-limited adaptive histogram equalisation.</summary>
    public double ClaheProbability { get; init; } = 0.2;

    /// <summary>Probability of an elastic deformation.</summary>
    public double ElasticProbability { get; init; } = 0.2;

    /// <summary>No augmentation at all (validation).</summary>
    public static AugmentationSettings None { get; } = new()
    {
        MaxRotationDegrees = 0,
        MinScale = 1,
        MaxScale = 1,
        MaxShift = 0,
        FlipProbability = 0,
        VerticalFramingProbability = 0,
        MaxGamma = 1,
        MaxContrastChange = 0,
        MaxNoise = 0,
        ClaheProbability = 0,
        ElasticProbability = 0,
    };
}
