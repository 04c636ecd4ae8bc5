namespace SpineKit.Detection.Refinement;

/// <summary>How a <see cref="CornerRefinerNet"/> turns its features into four corners.</summary>
public enum CornerRefinerHead
{
    /// <summary>
    /// One heatmap per corner at stride 4 from a feature-pyramid decoder, and its spatial soft-argmax (DSNT): the
    /// corners are differentiable coordinates while the features keep their spatial layout (the shipped design).
    /// </summary>
    Heatmaps,

    /// <summary>
    /// Direct regression: the stride-16 encoder features, reduced by a 1x1 convolution, flattened and mapped by one
    /// fully connected layer to the eight coordinates (no decoder).
    /// </summary>
    Regression,
}
