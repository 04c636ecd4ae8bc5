using System.Numerics;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Cobb;
using SpineKit.Imaging;

namespace SpineKit.Detection.Training;

/// <summary>
/// One labelled radiograph prepared for training: grey pixels already resized to the network input
/// (stretched, as at inference), the corners in those input pixels (groups of tl, tr, bl, br, top
/// vertebra first), and the original labels for scoring in original pixels.
/// </summary>
/// <param name="Name">Image file name.</param>
/// <param name="Input">Grey in [0, 1] at the network input size.</param>
/// <param name="Corners">4 per vertebra, in input pixels.</param>
/// <param name="Truth">The sanitised labels in original pixels.</param>
/// <param name="TruthAngles">The reference angles (the dataset's <c>angles.csv</c> row, else computed from the labels).</param>
internal sealed record TrainingExample(string Name, Image<float> Input, Vector2[] Corners, LandmarkSet Truth, AngleTriple TruthAngles);
