using SpineKit.Anatomy;
using SpineKit.Detection.Segmentation.PostProcessing;
using SpineKit.Imaging.Morphology;

namespace SpineKit.Detection.Segmentation.Evaluation;

/// <summary>
/// Per-vertebra Dice between two level label images (<see cref="LevelLabelImage"/>): for every level the truth holds,
/// 2|P and T| / (|P| + |T|) over the pixels labelled with that level in each (0 when the prediction never names it).
/// Pixels of unknown level count for no level. <see cref="MeasureMatched"/> leaves the names out: each labelled body
/// against the predicted body that overlaps it most, so a chain named one level off still scores its outlines.
/// </summary>
public static class LevelDice
{
    /// <summary>Dice per level present in <paramref name="truth"/>, in level order.</summary>
    public static IReadOnlyDictionary<VertebraLevel, double> Measure(ReadOnlySpan<ushort> predicted, ReadOnlySpan<ushort> truth)
    {
        if (predicted.Length != truth.Length)
        {
            throw new ArgumentException($"The label images differ in size ({predicted.Length} and {truth.Length} pixels).", nameof(predicted));
        }

        const int Slots = 256;
        var predictedCount = new long[Slots];
        var truthCount = new long[Slots];
        var intersection = new long[Slots];
        for (var i = 0; i < truth.Length; i++)
        {
            int p = predicted[i], t = truth[i];
            if (p is > 0 and < Slots)
            {
                predictedCount[p]++;
            }

            if (t is > 0 and < Slots)
            {
                truthCount[t]++;
                if (p == t)
                {
                    intersection[t]++;
                }
            }
        }

        var result = new SortedDictionary<VertebraLevel, double>();
        for (var level = 1; level < Slots; level++)
        {
            if (truthCount[level] > 0 && Enum.IsDefined((VertebraLevel)level))
            {
                result[(VertebraLevel)level] = 2.0 * intersection[level] / (predictedCount[level] + truthCount[level]);
            }
        }

        return result;
    }

    /// <summary>
    /// Dice per level present in <paramref name="truth"/> between that level's pixels and the instance of
    /// <paramref name="instances"/> overlapping them most (0 when none does), whatever the instance is named.
    /// </summary>
    public static IReadOnlyDictionary<VertebraLevel, double> MeasureMatched(ComponentLabels instances, ReadOnlySpan<ushort> truth)
    {
        ArgumentNullException.ThrowIfNull(instances);
        if (instances.Labels.Length != truth.Length)
        {
            throw new ArgumentException($"The label images differ in size ({instances.Labels.Length} and {truth.Length} pixels).", nameof(instances));
        }

        var overlaps = new Dictionary<(int Level, int Instance), long>();
        var truthCount = new Dictionary<int, long>();
        for (var i = 0; i < truth.Length; i++)
        {
            int t = truth[i];
            if (t == 0 || t == LevelLabelImage.UnknownLevel)
            {
                continue;
            }

            truthCount[t] = truthCount.GetValueOrDefault(t) + 1;
            var instance = instances.Labels[i];
            if (instance > 0)
            {
                overlaps[(t, instance)] = overlaps.GetValueOrDefault((t, instance)) + 1;
            }
        }

        var result = new SortedDictionary<VertebraLevel, double>();
        foreach (var (level, count) in truthCount)
        {
            var best = overlaps.Where(o => o.Key.Level == level).OrderByDescending(o => o.Value).ThenBy(o => o.Key.Instance).FirstOrDefault();
            result[(VertebraLevel)level] = best.Value == 0 ? 0 : 2.0 * best.Value / (instances.SizeOf(best.Key.Instance) + count);
        }

        return result;
    }
}
