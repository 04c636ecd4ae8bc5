using System.Numerics;
using SpineKit.Detection.Codecs;

namespace SpineKit.Detection.PostProcessing;

/// <summary>
/// Fills the levels <see cref="ChainAssignment"/> left without a candidate: between two found levels by
/// linear interpolation of the corners (by level index), beyond an end by continuing the step of the two
/// nearest found levels. Filled vertebrae have score 0 and are marked inferred.
/// </summary>
internal static class ChainCompletion
{
    /// <summary>
    /// Completes <paramref name="assigned"/> (one entry per level, null where missing) into a full chain; with
    /// <paramref name="dropOutsideWidth"/> set, a level extrapolated beyond either end whose body would not lie
    /// wholly inside the image is marked absent (not visible) rather than invented.
    /// </summary>
    public static IReadOnlyList<ChainedVertebra> Complete(VertebraCandidate?[] assigned, int count, int? dropOutsideWidth = null, int inputHeight = 0)
    {
        var found = Enumerable.Range(0, count).Where(k => assigned[k] is not null).ToArray();
        if (found.Length == 0)
        {
            throw new NoSpineFoundException("No vertebra was found on this image: it may not be an AP spine radiograph.");
        }

        var chain = new ChainedVertebra[count];
        for (var k = 0; k < count; k++)
        {
            if (assigned[k] is { } candidate)
            {
                chain[k] = new ChainedVertebra(candidate, false);
                continue;
            }

            var above = found.Where(f => f < k).DefaultIfEmpty(-1).Max();
            var below = found.Where(f => f > k).DefaultIfEmpty(-1).Min();
            (int From, int To) pair = (above, below) switch
            {
                ( >= 0, >= 0) => (above, below),
                ( >= 0, _) => (found.Length > 1 ? found[^2] : above, above),
                _ => (below, found.Length > 1 ? found[1] : below),
            };
            var estimate = Interpolate(assigned[pair.From]!, pair.From, assigned[pair.To]!, pair.To, k);
            var beyond = above < 0 || below < 0;
            var outside = dropOutsideWidth is { } width && beyond
                && (estimate.Center.X < 0 || estimate.Center.X > width || estimate.Center.Y - (estimate.Height / 2) < 0 || estimate.Center.Y + (estimate.Height / 2) > inputHeight);
            chain[k] = new ChainedVertebra(estimate, true) { IsAbsent = outside };
        }

        return chain;
    }

    /// <summary>Corners at level <paramref name="level"/> on the line through two found levels (extrapolating outside them).</summary>
    private static VertebraCandidate Interpolate(VertebraCandidate a, int levelA, VertebraCandidate b, int levelB, int level)
    {
        var corners = new Vector2[4];
        if (levelA == levelB)
        {
            // A single found vertebra gives no spacing: step by a quarter more than its own height.
            var step = new Vector2(0, 1.25f * a.Height * (level - levelA));
            for (var c = 0; c < 4; c++)
            {
                corners[c] = a.Corners[c] + step;
            }
        }
        else
        {
            var t = (float)(level - levelA) / (levelB - levelA);
            for (var c = 0; c < 4; c++)
            {
                corners[c] = a.Corners[c] + ((b.Corners[c] - a.Corners[c]) * t);
            }
        }

        return new VertebraCandidate(0f, corners) { Level = level };
    }
}
