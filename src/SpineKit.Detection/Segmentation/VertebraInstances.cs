using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Imaging;
using SpineKit.Imaging.Morphology;

namespace SpineKit.Detection.Segmentation;

/// <summary>One connected piece of the body mask, with the level assigned to it when landmarks were given.</summary>
/// <param name="Label">Component label in <see cref="SegmentedVertebrae.Labels"/> (from 1).</param>
/// <param name="Level">The assigned level, or null.</param>
/// <param name="PixelCount">Pixels in the component.</param>
/// <param name="Centroid">Mean pixel centre of the component.</param>
public sealed record SegmentedVertebra(int Label, VertebraLevel? Level, int PixelCount, Point2 Centroid);

/// <summary>The body mask split into instances.</summary>
/// <param name="Labels">Connected-component labels of the mask.</param>
/// <param name="Vertebrae">One entry per component, in label order.</param>
public sealed record SegmentedVertebrae(ComponentLabels Labels, IReadOnlyList<SegmentedVertebra> Vertebrae);

/// <summary>
/// Splits a body mask into vertebral bodies (its 8-connected components) and names them from a
/// <see cref="LandmarkSet"/> in the same pixel frame: each pair (vertebra, component) costs 0 when the
/// vertebra's centre lies in the component, else the distance from that centre to the component's
/// centroid; pairs are taken cheapest first, each vertebra and component at most once, and none farther
/// than the vertebra's height. Components left over keep no level.
/// </summary>
public static class VertebraInstances
{
    /// <summary>Splits <paramref name="bodyMask"/> and assigns levels from <paramref name="landmarks"/> when given.</summary>
    public static SegmentedVertebrae Split(Image<byte> bodyMask, LandmarkSet? landmarks = null)
    {
        var labels = ConnectedComponents.Label(bodyMask);
        var sums = new (double X, double Y)[labels.Count + 1];
        for (var y = 0; y < labels.Height; y++)
        {
            for (var x = 0; x < labels.Width; x++)
            {
                var label = labels.Labels[(y * labels.Width) + x];
                sums[label].X += x + 0.5;
                sums[label].Y += y + 0.5;
            }
        }

        var centroids = Enumerable.Range(0, labels.Count + 1)
            .Select(l => l == 0 ? default : new Point2(sums[l].X / labels.SizeOf(l), sums[l].Y / labels.SizeOf(l)))
            .ToArray();
        var levels = new VertebraLevel?[labels.Count + 1];
        if (landmarks is not null)
        {
            Assign(labels, centroids, landmarks, levels);
        }

        var vertebrae = Enumerable.Range(1, labels.Count)
            .Select(l => new SegmentedVertebra(l, levels[l], labels.SizeOf(l), centroids[l]))
            .ToList();
        return new SegmentedVertebrae(labels, vertebrae);
    }

    private static void Assign(ComponentLabels labels, Point2[] centroids, LandmarkSet landmarks, VertebraLevel?[] levels)
    {
        var pairs = new List<(double Cost, int Vertebra, int Label)>();
        var candidates = landmarks.Vertebrae.Where(v => v.HasLowerEndplate).ToList();
        for (var v = 0; v < candidates.Count; v++)
        {
            var centre = candidates[v].Centre;
            var inside = labels.At((int)Math.Floor(centre.X), (int)Math.Floor(centre.Y));
            for (var label = 1; label <= labels.Count; label++)
            {
                var cost = label == inside ? 0 : Point2.Distance(centre, centroids[label]);
                if (cost <= candidates[v].Height)
                {
                    pairs.Add((cost, v, label));
                }
            }
        }

        var usedVertebrae = new HashSet<int>();
        foreach (var (_, vertebra, label) in pairs.OrderBy(p => p.Cost).ThenBy(p => p.Vertebra).ThenBy(p => p.Label))
        {
            if (levels[label] is null && usedVertebrae.Add(vertebra))
            {
                levels[label] = candidates[vertebra].Level;
            }
        }
    }
}
