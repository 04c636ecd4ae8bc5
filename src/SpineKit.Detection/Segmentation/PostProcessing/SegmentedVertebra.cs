using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;

namespace SpineKit.Detection.Segmentation.PostProcessing;

/// <summary>One vertebral body of the mask, with the level assigned to it when landmarks were given.</summary>
/// <param name="Label">Instance label in <see cref="SegmentedVertebrae.Labels"/> (from 1).</param>
/// <param name="Level">The assigned level, or null.</param>
/// <param name="PixelCount">Pixels in the instance.</param>
/// <param name="Centroid">Mean pixel centre of the instance.</param>
public sealed record SegmentedVertebra(int Label, VertebraLevel? Level, int PixelCount, Point2 Centroid);
