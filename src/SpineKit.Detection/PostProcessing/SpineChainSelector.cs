using System.Numerics;
using SpineKit.Detection.Codecs;

namespace SpineKit.Detection.PostProcessing;

/// <summary>
/// Turns the network's unordered vertebra candidates into exactly <c>count</c> vertebrae ordered top to
/// bottom. Duplicate peaks are dropped; user corrections become fixed anchors; a dynamic programme
/// (<see cref="ChainAssignment"/>) then assigns candidates to levels under a spine-shape prior (even
/// spacing, no sideways jumps, the network's level estimate), so a spurious peak beside the spine or a
/// missed faint body does not shift every level; levels left without a candidate are interpolated from
/// their neighbours and marked as inferred.
/// </summary>
internal static class SpineChainSelector
{
    /// <summary>How near vertically (in box heights) corrected corners must be to a detected box's corners to be taken as that vertebra.</summary>
    public const float SameVertebraFraction = 0.5f;

    /// <summary>Selects the chain; <paramref name="candidates"/> may be in any order.</summary>
    /// <param name="candidates">Decoded peaks.</param>
    /// <param name="count">Number of levels wanted (17 for T1..L5).</param>
    /// <param name="inputHeight">Network input height, to judge which end has room for a missing vertebra.</param>
    /// <param name="anchors">Corners placed by the user (network-input pixels); each fixes its level there.</param>
    /// <param name="prior">The shape prior's weights (<see cref="ChainPrior.Default"/> when null).</param>
    /// <param name="inputWidth">Network input width; with a prior that drops levels outside the image, needed to judge "outside".</param>
    public static SpineChain Select(IReadOnlyList<VertebraCandidate> candidates, int count, int inputHeight, IReadOnlyList<ChainAnchor>? anchors = null, ChainPrior? prior = null, int? inputWidth = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        anchors ??= [];
        if (anchors.Any(a => a.LevelIndex < 0 || a.LevelIndex >= count || a.Corner is < 0 or > 3))
        {
            throw new ArgumentException($"Anchors must name a level index in [0, {count}) and a corner in [0, 4).", nameof(anchors));
        }

        if (candidates.Count == 0 && anchors.Count == 0)
        {
            throw new NoSpineFoundException("No vertebra was found on this image: it may not be an AP spine radiograph.");
        }

        var kept = RemoveDuplicates(candidates);
        var forced = AnchorCandidates(kept, anchors, out var levelOfAnchor);
        var pool = kept.Concat(forced).OrderBy(c => c.Center.Y).ToList();
        int[] Forced() => pool.Select(c => levelOfAnchor.TryGetValue(c, out var level) ? level : -1).ToArray();

        prior ??= ChainPrior.Default;
        var assigned = ChainAssignment.Solve(pool, Forced(), count, inputHeight, prior, out var cost)
            ?? ChainAssignment.Solve(pool, new int[pool.Count].Select(_ => -1).ToArray(), count, inputHeight, prior, out cost)
            ?? throw new NoSpineFoundException("No vertebra chain could be formed from this image's detections.");
        // Relabelled chains judge their doubt by the level estimates; only the others need the shifted solves.
        var relabel = prior.RelabelByLevelEstimate && anchors.Count == 0;
        var margin = relabel ? float.NaN : LabelMargin(assigned, count, inputHeight, prior, cost);
        var inDoubt = margin < SpineChain.DoubtfulLabelMargin;
        if (relabel)
        {
            (assigned, inDoubt) = Relabel(assigned, count);
        }

        var chain = ChainCompletion.Complete(assigned, count, prior.DropOutside ? inputWidth : null, inputHeight);
        return new SpineChain(chain, cost, margin) { LabelsInDoubt = inDoubt };
    }

    /// <summary>Confident vertebrae below this count leave the labels as the programme gave them.</summary>
    private const int MinimumLevelVotes = 3;

    /// <summary>
    /// Moves every label by the median of (level estimate - assigned level) over the confident vertebrae
    /// when it reaches three quarters of a level; in doubt when that median sits within a tenth of a half level or the
    /// estimates scatter by more than one and a half levels (median absolute deviation).
    /// </summary>
    internal static (VertebraCandidate?[] Assigned, bool InDoubt) Relabel(VertebraCandidate?[] assigned, int count)
    {
        var votes = Enumerable.Range(0, count)
            .Where(k => assigned[k] is { Score: >= 0.3f } c && float.IsFinite(c.Level))
            .Select(k => assigned[k]!.Level - k)
            .ToList();
        if (votes.Count < MinimumLevelVotes)
        {
            return (assigned, false);
        }

        var offset = Median(votes);
        var spread = Median(votes.Select(v => MathF.Abs(v - offset)));
        var shift = MathF.Abs(offset) < 0.75f ? 0 : (int)MathF.Round(offset);
        var fraction = MathF.Abs(offset - MathF.Round(offset));
        var inDoubt = spread > 1.5f || (MathF.Abs(offset) >= 0.25f && fraction > 0.4f);
        if (shift == 0)
        {
            return (assigned, inDoubt);
        }

        var moved = new VertebraCandidate?[count];
        for (var k = 0; k < count; k++)
        {
            if (assigned[k] is { } candidate && k + shift >= 0 && k + shift < count)
            {
                moved[k + shift] = candidate;
            }
        }

        return moved.Any(c => c is not null) ? (moved, inDoubt) : (assigned, true);
    }

    /// <summary>
    /// How much worse (in prior cost) the same vertebrae score when every label moves one level up or down:
    /// a small margin means the image does not say which level is which (check the labels). Infinite when no
    /// shifted labelling is possible (the chain uses every level).
    /// </summary>
    private static float LabelMargin(VertebraCandidate?[] assigned, int count, int inputHeight, ChainPrior prior, float cost)
    {
        var chosen = Enumerable.Range(0, count).Where(k => assigned[k] is not null).ToList();
        var sorted = chosen.Select(k => assigned[k]!).ToList();
        var margin = float.PositiveInfinity;
        foreach (var shift in new[] { -1, 1 })
        {
            if (chosen[0] + shift < 0 || chosen[^1] + shift >= count)
            {
                continue;
            }

            if (ChainAssignment.Solve(sorted, [.. chosen.Select(k => k + shift)], count, inputHeight, prior, out var shifted) is not null)
            {
                margin = MathF.Min(margin, shifted - cost);
            }
        }

        return margin;
    }

    private static List<VertebraCandidate> RemoveDuplicates(IReadOnlyList<VertebraCandidate> candidates)
    {
        var byScore = candidates.OrderByDescending(c => c.Score).ToList();

        // Judge "the same vertebra" by the size of the confident detections: faint peaks can carry tiny boxes.
        var typicalHeight = Median(byScore.Take(Math.Max(3, byScore.Count(c => c.Score >= 0.3f))).Take(17).Select(c => c.Height));
        var kept = new List<VertebraCandidate>();
        foreach (var candidate in byScore)
        {
            if (kept.All(k => Vector2.Distance(k.Center, candidate.Center) > 0.5f * Math.Max(typicalHeight, Math.Min(k.Height, candidate.Height))))
            {
                kept.Add(candidate);
            }
        }

        return kept;
    }

    /// <summary>
    /// One candidate per corrected level. When the detected box nearest the corrected corners is that
    /// vertebra (<see cref="IsSameVertebra"/>) only those corners change: a wrong corner is a shape error,
    /// not a reason to move the whole box. Otherwise the vertebra was not detected there, and a copy of the
    /// nearest box is moved so its corners match. Detections of the same vertebra are removed from
    /// <paramref name="kept"/> so the level is not found twice.
    /// </summary>
    private static List<VertebraCandidate> AnchorCandidates(List<VertebraCandidate> kept, IReadOnlyList<ChainAnchor> anchors, out Dictionary<VertebraCandidate, int> levelOfAnchor)
    {
        levelOfAnchor = new Dictionary<VertebraCandidate, int>(ReferenceEqualityComparer.Instance);
        var result = new List<VertebraCandidate>();
        foreach (var group in anchors.GroupBy(a => a.LevelIndex))
        {
            var hints = group.GroupBy(a => a.Corner).Select(g => g.Last()).ToList();
            // A confident box is the better judge of the vertebra: faint peaks are often half-vertebra echoes.
            var confident = Nearest(kept.Where(k => k.Score >= 0.3f), hints);
            var any = Nearest(kept, hints);
            var same = confident is not null && IsSameVertebra(confident, hints) || any is not null && IsSameVertebra(any, hints);
            var template = confident is not null && (IsSameVertebra(confident, hints) || !same) ? confident : any;
            var corners = template is null ? Square(hints) : (Vector2[])template.Corners.Clone();
            if (template is not null && !same)
            {
                var shift = hints.Aggregate(Vector2.Zero, (sum, h) => sum + (h.Position - corners[h.Corner])) / hints.Count;
                for (var c = 0; c < 4; c++)
                {
                    corners[c] += shift;
                }
            }

            foreach (var hint in hints)
            {
                corners[hint.Corner] = hint.Position;
            }

            var anchor = new VertebraCandidate(1f, corners) { Level = group.Key };
            kept.RemoveAll(k => (same && ReferenceEquals(k, template)) || Vector2.Distance(k.Center, anchor.Center) < 0.5f * Math.Max(1f, Math.Max(k.Height, anchor.Height)));
            levelOfAnchor[anchor] = group.Key;
            result.Add(anchor);
        }

        return result;
    }

    private static VertebraCandidate? Nearest(IEnumerable<VertebraCandidate> boxes, List<ChainAnchor> hints) =>
        boxes.MinBy(k => hints.Sum(h => Vector2.Distance(k.Corners[h.Corner], h.Position)));

    /// <summary>
    /// Corrected corners belong to a detected box when they are, on average, within
    /// <see cref="SameVertebraFraction"/> of its height vertically (a level mistake is a whole vertebra
    /// up or down; a sideways miss is a shape error) and within two heights overall.
    /// </summary>
    private static bool IsSameVertebra(VertebraCandidate box, List<ChainAnchor> hints)
    {
        var vertical = hints.Average(h => MathF.Abs(h.Position.Y - box.Corners[h.Corner].Y));
        var distance = hints.Average(h => Vector2.Distance(h.Position, box.Corners[h.Corner]));
        return vertical < SameVertebraFraction * box.Height && distance < 2f * box.Height;
    }

    /// <summary>Nothing detected to borrow a shape from: a small box around the mean of the hints.</summary>
    private static Vector2[] Square(List<ChainAnchor> hints)
    {
        var mean = hints.Aggregate(Vector2.Zero, (sum, h) => sum + h.Position) / hints.Count;
        return [mean + new Vector2(-8, -6), mean + new Vector2(8, -6), mean + new Vector2(-8, 6), mean + new Vector2(8, 6)];
    }

    internal static float Median(IEnumerable<float> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length == 0 ? 1f : sorted[sorted.Length / 2];
    }
}
