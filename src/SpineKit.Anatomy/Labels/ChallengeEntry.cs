using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Geometry;

namespace SpineKit.Anatomy.Labels;

/// <summary>One image of a challenge-layout label set.</summary>
/// <param name="FileName">The image file name from <c>filenames.csv</c>.</param>
/// <param name="NormalisedCorners">Corners in the raw row order, x in image widths and y in image heights.</param>
/// <param name="Angles">The row of <c>angles.csv</c>, when that file exists.</param>
public sealed record ChallengeEntry(string FileName, IReadOnlyList<Point2> NormalisedCorners, AngleTriple? Angles)
{
    /// <summary>The corners in pixels as a landmark set (raw order kept; levels from <paramref name="firstLevel"/> down).</summary>
    public LandmarkSet ToLandmarkSet(ImageSize size, VertebraLevel firstLevel = VertebraLevel.T1) =>
        ChallengeCsv.ToLandmarkSet(NormalisedCorners, size, firstLevel, FileName);

    /// <summary>A row for a predicted landmark set: normalised corners and the challenge angles computed from them.</summary>
    public static ChallengeEntry FromLandmarks(string fileName, LandmarkSet landmarks) =>
        new(fileName, ChallengeCsv.ToNormalized(landmarks), Cobb.ChallengeCobb.Compute(landmarks).Angles);
}
