using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Imaging;
using SpineKit.Imaging.Morphology;

namespace SpineKit.Detection.Segmentation.PostProcessing;

/// <summary>
/// Splits a body mask into vertebral bodies and names them from a <see cref="LandmarkSet"/> in the same
/// pixel frame. The instances are the mask's 8-connected components; a component that holds the centres
/// of several vertebrae (bodies merged across a missed gap) is divided between them, each pixel going to
/// the nearest of those centres. Levels: each pair (vertebra, instance) costs 0 when the vertebra's centre
/// lies in the instance, else the distance from the centre to the instance's centroid; pairs are taken
/// cheapest first, each vertebra and instance at most once, none farther than the vertebra's height.
/// Instances left over keep no level.
/// </summary>
public static class VertebraInstances
{
    /// <summary>Splits <paramref name="bodyMask"/> and assigns levels from <paramref name="landmarks"/> when given.</summary>
    public static SegmentedVertebrae Split(Image<byte> bodyMask, LandmarkSet? landmarks = null)
    {
        var labels = ConnectedComponents.Label(bodyMask);
        var vertebrae = landmarks?.Vertebrae.Where(v => v.HasLowerEndplate).ToList() ?? [];
        if (vertebrae.Count > 0)
        {
            labels = DivideMerged(labels, vertebrae);
        }

        var centroids = Centroids(labels);
        var levels = new VertebraLevel?[labels.Count + 1];
        Assign(labels, centroids, vertebrae, levels);
        // Two labelled centres on the same pixel leave the second one's share empty: no instance for it.
        var instances = Enumerable.Range(1, labels.Count)
            .Where(l => labels.SizeOf(l) > 0)
            .Select(l => new SegmentedVertebra(l, levels[l], labels.SizeOf(l), centroids[l]))
            .ToList();
        return new SegmentedVertebrae(labels, instances);
    }

    private static ComponentLabels DivideMerged(ComponentLabels labels, List<Vertebra> vertebrae)
    {
        // Which vertebra centres fall in each component.
        var centresIn = new List<int>[labels.Count + 1];
        for (var v = 0; v < vertebrae.Count; v++)
        {
            var label = LabelAt(labels, vertebrae[v].Center);
            if (label > 0)
            {
                (centresIn[label] ??= []).Add(v);
            }
        }

        if (!centresIn.Any(c => c is { Count: > 1 }))
        {
            return labels;
        }

        // Relabel: untouched components keep one new label, merged ones get one per centre.
        var next = 0;
        var single = new int[labels.Count + 1];
        var perCentre = new Dictionary<int, int>();
        for (var label = 1; label <= labels.Count; label++)
        {
            if (centresIn[label] is { Count: > 1 } centres)
            {
                foreach (var v in centres)
                {
                    perCentre[v] = ++next;
                }
            }
            else
            {
                single[label] = ++next;
            }
        }

        var result = new int[labels.Labels.Length];
        for (var y = 0; y < labels.Height; y++)
        {
            for (var x = 0; x < labels.Width; x++)
            {
                var index = (y * labels.Width) + x;
                var label = labels.Labels[index];
                if (label == 0)
                {
                    continue;
                }

                if (centresIn[label] is not { Count: > 1 } centres)
                {
                    result[index] = single[label];
                    continue;
                }

                var pixel = new Point2(x + 0.5, y + 0.5);
                var nearest = centres.MinBy(v => Point2.Distance(pixel, vertebrae[v].Center));
                result[index] = perCentre[nearest];
            }
        }

        return new ComponentLabels(labels.Width, labels.Height, result, next);
    }

    private static Point2[] Centroids(ComponentLabels labels)
    {
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

        return Enumerable.Range(0, labels.Count + 1)
            .Select(l => l == 0 || labels.SizeOf(l) == 0 ? default : new Point2(sums[l].X / labels.SizeOf(l), sums[l].Y / labels.SizeOf(l)))
            .ToArray();
    }

    private static void Assign(ComponentLabels labels, Point2[] centroids, List<Vertebra> vertebrae, VertebraLevel?[] levels)
    {
        var pairs = new List<(double Cost, int Vertebra, int Label)>();
        for (var v = 0; v < vertebrae.Count; v++)
        {
            var centre = vertebrae[v].Center;
            var inside = LabelAt(labels, centre);
            for (var label = 1; label <= labels.Count; label++)
            {
                var cost = label == inside ? 0 : Point2.Distance(centre, centroids[label]);
                if (cost <= vertebrae[v].Height)
                {
                    pairs.Add((cost, v, label));
                }
            }
        }

        var used = new HashSet<int>();
        foreach (var (_, vertebra, label) in pairs.OrderBy(p => p.Cost).ThenBy(p => p.Vertebra).ThenBy(p => p.Label))
        {
            if (levels[label] is null && used.Add(vertebra))
            {
                levels[label] = vertebrae[vertebra].Level;
            }
        }
    }

    private static int LabelAt(ComponentLabels labels, Point2 point) =>
        double.IsFinite(point.X) && double.IsFinite(point.Y) ? labels.At((int)Math.Floor(point.X), (int)Math.Floor(point.Y)) : 0;
}
