using SpineKit.Imaging.Morphology;

namespace SpineKit.Detection.Segmentation.PostProcessing;

/// <summary>The body mask split into instances.</summary>
/// <param name="Labels">Instance label per pixel (0 background).</param>
/// <param name="Vertebrae">One entry per instance, in label order.</param>
public sealed record SegmentedVertebrae(ComponentLabels Labels, IReadOnlyList<SegmentedVertebra> Vertebrae);
