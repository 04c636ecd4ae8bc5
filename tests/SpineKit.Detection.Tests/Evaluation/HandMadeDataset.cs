using SpineKit.Anatomy;
using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Geometry;
using SpineKit.Anatomy.Labels;

namespace SpineKit.Detection.Tests.Evaluation;

/// <summary>
/// A tiny labelled dataset on disk (<see cref="SyntheticSpines"/>: four axis-aligned 30 x 24 px bodies, T1-T4, per
/// film) with its true corners at hand, so evaluator tests can build predictions whose errors are known exactly.
/// </summary>
internal sealed class HandMadeDataset : IDisposable
{
    private HandMadeDataset(string root, IReadOnlyDictionary<string, LandmarkSet> truth)
    {
        Root = root;
        Truth = truth;
    }

    /// <summary>The dataset folder (<c>images/</c> and <c>labels/</c>).</summary>
    public string Root { get; }

    /// <summary>The labelled corners of every film, by file name, in original pixels.</summary>
    public IReadOnlyDictionary<string, LandmarkSet> Truth { get; }

    /// <summary>Writes <paramref name="films"/> films, with <c>angles.csv</c> when <paramref name="angles"/> is given (one triple per film).</summary>
    public static HandMadeDataset Create(int films, IReadOnlyList<AngleTriple>? angles = null)
    {
        var root = Directory.CreateTempSubdirectory("spinekit-evaluator-").FullName;
        SyntheticSpines.Create(root, films);
        if (angles is not null)
        {
            ChallengeDataset.WriteAngles(Path.Combine(root, "labels", ChallengeDataset.AnglesFile), angles);
        }

        var size = new ImageSize(SyntheticSpines.Width, SyntheticSpines.Height);
        var truth = ChallengeDataset.Load(root).Entries.ToDictionary(e => e.FileName, e => e.ToLandmarkSet(size));
        return new HandMadeDataset(root, truth);
    }

    /// <summary>
    /// Rewrites the labels so film <paramref name="film"/>'s T1 has its top corners given right to left, a problem the
    /// label sanitizer repairs and reports (<see cref="LabelIssueKind.CornersReordered"/>); <see cref="Truth"/> keeps
    /// the corners in order, as the sanitizer puts them back.
    /// </summary>
    public void SwapTopCornersOfT1(int film)
    {
        var entries = ChallengeDataset.Load(Root).Entries.ToList();
        var corners = entries[film].NormalisedCorners.ToArray();
        (corners[0], corners[1]) = (corners[1], corners[0]);
        entries[film] = entries[film] with { NormalisedCorners = corners };
        ChallengeDataset.Write(Path.Combine(Root, "labels"), entries);
    }

    /// <summary>Every corner of <paramref name="landmarks"/> moved by (<paramref name="dx"/>, <paramref name="dy"/>).</summary>
    public static LandmarkSet Shifted(LandmarkSet landmarks, double dx, double dy) =>
        landmarks.WithVertebrae(landmarks.Vertebrae.Select(v => v.WithCorners(v.CornerArray().Select(p => new Point2(p.X + dx, p.Y + dy)).ToArray())));

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
