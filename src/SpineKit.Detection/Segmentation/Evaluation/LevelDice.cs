using SpineKit.Anatomy;
using SpineKit.Detection.Segmentation.PostProcessing;

namespace SpineKit.Detection.Segmentation.Evaluation;

/// <summary>
/// Per-vertebra Dice between two level label images (<see cref="LevelLabelImage"/>): for every level the truth holds,
/// 2|P and T| / (|P| + |T|) over the pixels labelled with that level in each (0 when the prediction never names it).
/// Pixels of unknown level count for no level.
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
}
