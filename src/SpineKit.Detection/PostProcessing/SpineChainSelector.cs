using System.Numerics;
using SpineKit.Detection.Codecs;

namespace SpineKit.Detection.PostProcessing;

/// <summary>
/// Turns the network's unordered vertebra candidates into exactly <c>count</c> vertebrae ordered top to
/// bottom: drops duplicate peaks, keeps the best-scoring contiguous run when there are more candidates
/// than levels (a wider field of view shows cervical or sacral bodies), and fills gaps (a missed
/// vertebra between two found ones) or missing ends by interpolation, marking those as inferred.
/// </summary>
public static class SpineChainSelector
{
    /// <summary>Selects the chain; <paramref name="candidates"/> may be in any order.</summary>
    /// <param name="candidates">Decoded peaks.</param>
    /// <param name="count">Number of levels wanted (17 for T1..L5).</param>
    /// <param name="inputHeight">Network input height, to decide which end has room for a missing vertebra.</param>
    public static IReadOnlyList<ChainedVertebra> Select(IReadOnlyList<VertebraCandidate> candidates, int count, int inputHeight)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (candidates.Count == 0)
        {
            throw new InvalidDataException("No vertebra was found on this image: it may not be an AP spine radiograph.");
        }

        var kept = RemoveDuplicates(candidates);
        kept.Sort((a, b) => a.Centre.Y.CompareTo(b.Centre.Y));
        var chain = kept.Select(c => new ChainedVertebra(c, false)).ToList();
        if (chain.Count > count)
        {
            chain = BestWindow(chain, count);
        }

        while (chain.Count < count)
        {
            FillOne(chain, inputHeight);
        }

        return chain;
    }

    private static List<VertebraCandidate> RemoveDuplicates(IReadOnlyList<VertebraCandidate> candidates)
    {
        var byScore = candidates.OrderByDescending(c => c.Score).ToList();

        // Judge "the same vertebra" by the size of the confident detections: faint peaks can carry tiny boxes.
        var typicalHeight = Median(byScore.Take(Math.Max(3, byScore.Count(c => c.Score >= 0.3f))).Take(17).Select(c => c.Height));
        var kept = new List<VertebraCandidate>();
        foreach (var candidate in byScore)
        {
            if (kept.All(k => Vector2.Distance(k.Centre, candidate.Centre) > 0.5f * Math.Max(typicalHeight, Math.Min(k.Height, candidate.Height))))
            {
                kept.Add(candidate);
            }
        }

        return kept;
    }

    private static List<ChainedVertebra> BestWindow(List<ChainedVertebra> chain, int count)
    {
        var bestStart = 0;
        var bestSum = double.NegativeInfinity;
        for (var start = 0; start + count <= chain.Count; start++)
        {
            var sum = 0.0;
            for (var i = start; i < start + count; i++)
            {
                sum += chain[i].Candidate.Score;
            }

            if (sum > bestSum)
            {
                bestSum = sum;
                bestStart = start;
            }
        }

        return chain.GetRange(bestStart, count);
    }

    private static void FillOne(List<ChainedVertebra> chain, int inputHeight)
    {
        if (chain.Count == 1)
        {
            // One vertebra alone gives no spacing: step by its own height towards the side with more room.
            var only = chain[0].Candidate;
            var below = only.Centre.Y < inputHeight / 2f;
            chain.Insert(below ? 1 : 0, new ChainedVertebra(Shift(only, new Vector2(0, (below ? 1.3f : -1.3f) * only.Height)), true));
            return;
        }

        var spacings = new float[chain.Count - 1];
        for (var i = 0; i < spacings.Length; i++)
        {
            spacings[i] = Vector2.Distance(chain[i].Candidate.Centre, chain[i + 1].Candidate.Centre);
        }

        var typical = Median(spacings);
        var widest = Array.IndexOf(spacings, spacings.Max());
        if (spacings[widest] > 1.5f * typical)
        {
            var upper = chain[widest].Candidate;
            var lower = chain[widest + 1].Candidate;
            var corners = new Vector2[4];
            for (var c = 0; c < 4; c++)
            {
                corners[c] = (upper.Corners[c] + lower.Corners[c]) / 2f;
            }

            chain.Insert(widest + 1, new ChainedVertebra(new VertebraCandidate(0f, corners), true));
            return;
        }

        // No gap inside: the missing level is beyond an end; extend on the side with more room.
        var top = chain[0].Candidate;
        var bottom = chain[^1].Candidate;
        var roomAbove = top.Centre.Y;
        var roomBelow = inputHeight - bottom.Centre.Y;
        if (roomBelow >= roomAbove)
        {
            var step = bottom.Centre - chain[^2].Candidate.Centre;
            chain.Add(new ChainedVertebra(Shift(bottom, step), true));
        }
        else
        {
            var step = top.Centre - chain[1].Candidate.Centre;
            chain.Insert(0, new ChainedVertebra(Shift(top, step), true));
        }
    }

    private static VertebraCandidate Shift(VertebraCandidate source, Vector2 by) =>
        new(0f, source.Corners.Select(c => c + by).ToArray());

    private static float Median(IEnumerable<float> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length == 0 ? 1f : sorted[sorted.Length / 2];
    }
}
