using System.Numerics;
using SpineKit.Detection.Codecs;

namespace SpineKit.Detection.PostProcessing;

/// <summary>
/// The level assignment behind <see cref="SpineChainSelector"/>: a dynamic programme over candidates
/// sorted top to bottom that gives each level at most one candidate, levels increasing downwards, and
/// minimises a cost with four parts, weighted by a <see cref="ChainPrior"/>: a missed level costs its miss cost; a candidate costs its
/// doubt (1 - score) plus its disagreement with the network's own level estimate; consecutive chosen
/// candidates cost the log-ratio of their distance to the spacing expected for their level gap (beyond a
/// tolerance for normal anatomy), plus a penalty on steps across the bodies' axes; and levels left over
/// beyond either end cost more when they would fall outside the image. Candidates not chosen cost
/// nothing: they are false peaks.
/// </summary>
internal static class ChainAssignment
{
    /// <summary>
    /// Assigns candidates (sorted by centre height) to <paramref name="count"/> levels; <paramref name="forcedLevel"/>
    /// holds, per candidate, the level it must take (a user anchor) or -1. Returns one entry per level
    /// (null where no candidate was chosen), or null when the forced levels contradict the top-to-bottom order.
    /// </summary>
    public static VertebraCandidate?[]? Solve(IReadOnlyList<VertebraCandidate> sorted, int[] forcedLevel, int count, int inputHeight, ChainPrior prior, out float totalCost)
    {
        var n = sorted.Count;
        totalCost = float.PositiveInfinity;
        if (n == 0)
        {
            return new VertebraCandidate?[count];
        }

        var anchoredLevels = new HashSet<int>(forcedLevel.Where(l => l >= 0));

        // Anchors are mandatory: a chain may not start below one, end above one, or step over one.
        var firstAnchor = Array.FindIndex(forcedLevel, l => l >= 0);
        var lastAnchor = Array.FindLastIndex(forcedLevel, l => l >= 0);
        var nextAnchor = new int[n];
        for (int i = n - 1, next = int.MaxValue; i >= 0; i--)
        {
            nextAnchor[i] = next;
            next = forcedLevel[i] >= 0 ? i : next;
        }

        var ratio = SpacingRatio(sorted);

        // Skipped[i]: the cost of leaving candidates 0..i-1 out of the chain (zero under the challenge prior).
        var skipped = new float[n + 1];
        for (var i = 0; i < n; i++)
        {
            skipped[i + 1] = skipped[i] + (prior.SkipCost * sorted[i].Score);
        }

        // Each pair's step cost at every level gap, computed once per pair (the programme asks for it once per pair of
        // levels, and a locator's fifty peaks over nineteen levels make that hundreds of thousands of times); the
        // arithmetic is Step's, so the costs are the same to the bit.
        var shapes = new Shape[n];
        for (var i = 0; i < n; i++)
        {
            shapes[i] = new Shape(sorted[i].Center, sorted[i].Height, Axis(sorted[i]));
        }

        var steps = new float[n * count];
        var cost = new float[n, count];
        var parent = new int[n, count];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (nextAnchor[j] < i)
                {
                    continue;
                }

                var pair = PairOf(shapes[j], shapes[i], prior);
                for (var levels = 1; levels < count; levels++)
                {
                    steps[(j * count) + levels] = Step(pair, levels, ratio, prior);
                }
            }

            for (var k = 0; k < count; k++)
            {
                var unary = Unary(sorted[i], forcedLevel[i], k, anchoredLevels, prior);
                parent[i, k] = -1;
                if (!float.IsFinite(unary))
                {
                    cost[i, k] = float.PositiveInfinity;
                    continue;
                }

                // Start the chain here: every level above is missed.
                var best = firstAnchor >= 0 && firstAnchor < i ? float.PositiveInfinity : MissedAbove(sorted[i], k, ratio, inputHeight, prior) + unary + skipped[i];
                for (var j = 0; j < i; j++)
                {
                    if (nextAnchor[j] < i)
                    {
                        continue;
                    }

                    for (var m = 0; m < k; m++)
                    {
                        if (!float.IsFinite(cost[j, m]))
                        {
                            continue;
                        }

                        var through = cost[j, m] + ((k - m - 1) * prior.MissCost) + steps[(j * count) + k - m] + unary + (skipped[i] - skipped[j + 1]);
                        if (through < best)
                        {
                            best = through;
                            parent[i, k] = (j * count) + m;
                        }
                    }
                }

                cost[i, k] = best;
            }
        }

        // At least one candidate is always chosen: a chain needs one seen vertebra to be placed at all.
        var bestTotal = float.PositiveInfinity;
        (int I, int K) end = (-1, -1);
        for (var i = Math.Max(0, lastAnchor); i < n; i++)
        {
            for (var k = 0; k < count; k++)
            {
                var total = cost[i, k] + MissedBelow(sorted[i], count - 1 - k, ratio, inputHeight, prior) + (skipped[n] - skipped[i + 1]);
                if (total < bestTotal)
                {
                    bestTotal = total;
                    end = (i, k);
                }
            }
        }

        if (!float.IsFinite(bestTotal))
        {
            return null;
        }

        totalCost = bestTotal;

        var chain = new VertebraCandidate?[count];
        for (var state = end; state.I >= 0;)
        {
            chain[state.K] = sorted[state.I];
            var previous = parent[state.I, state.K];
            state = previous < 0 ? (-1, -1) : (previous / count, previous % count);
        }

        // An anchor the path skipped means the forced levels cannot all be honoured.
        return anchoredLevels.All(l => chain[l] is not null) ? chain : null;
    }

    private static float Unary(VertebraCandidate candidate, int forced, int level, HashSet<int> anchoredLevels, ChainPrior prior)
    {
        if (forced >= 0)
        {
            return forced == level ? 0f : float.PositiveInfinity;
        }

        if (anchoredLevels.Contains(level))
        {
            return float.PositiveInfinity;
        }

        var doubt = 1f - candidate.Score;
        return float.IsNaN(candidate.Level) ? doubt : doubt + (prior.LevelCost * MathF.Abs(candidate.Level - level));
    }

    /// <summary>The step cost of <see cref="PairOf"/>'s pair when it spans <paramref name="levels"/> levels.</summary>
    private static float Step(Pair pair, int levels, float ratio, ChainPrior prior)
    {
        var expected = MathF.Max(1e-3f, levels * ratio * pair.HeightSum / 2f);
        var spacing = MathF.Max(0f, MathF.Abs(MathF.Log(pair.Distance / expected)) - prior.SpacingTolerance);
        return (prior.SpacingCost * spacing) + pair.SidewaysCost;
    }

    /// <summary>What a step from <paramref name="upper"/> to <paramref name="lower"/> costs whatever the level gap.</summary>
    private static Pair PairOf(Shape upper, Shape lower, ChainPrior prior)
    {
        var delta = lower.Center - upper.Center;
        var distance = MathF.Max(1e-3f, delta.Length());

        // Sideways relative to the two bodies' own axes: in a scoliotic curve the bodies tilt with the
        // curve, so a steep step along them is normal, while a peak beside the spine steps across them.
        var axis = upper.Axis + lower.Axis;
        axis = axis.LengthSquared() > 1e-6f ? Vector2.Normalize(axis) : Vector2.UnitY;
        var along = Vector2.Dot(delta, axis);
        var across = MathF.Abs((delta.X * axis.Y) - (delta.Y * axis.X));
        var sideways = along > 1e-3f ? across / along : 1e3f;
        return new Pair(distance, upper.Height + lower.Height, prior.SidewaysCost * sideways * sideways);
    }

    /// <summary>A candidate's centre, height and axis, computed once per solve.</summary>
    private readonly record struct Shape(Vector2 Center, float Height, Vector2 Axis);

    /// <summary>A pair's centre distance, summed heights and sideways cost (the parts of a step that ignore the level gap).</summary>
    private readonly record struct Pair(float Distance, float HeightSum, float SidewaysCost);

    /// <summary>Unit vector from the middle of the upper endplate to the middle of the lower one.</summary>
    private static Vector2 Axis(VertebraCandidate candidate)
    {
        var axis = ((candidate.Corners[2] + candidate.Corners[3]) - (candidate.Corners[0] + candidate.Corners[1])) / 2f;
        return axis.LengthSquared() > 1e-6f ? Vector2.Normalize(axis) : Vector2.UnitY;
    }

    private static float MissedAbove(VertebraCandidate first, int missing, float ratio, int inputHeight, ChainPrior prior)
    {
        var step = MathF.Max(1f, ratio * first.Height);
        var outside = Enumerable.Range(1, missing).Count(m => first.Center.Y - (m * step) < 0);

        // Ties (no level estimate) go to the end with more room, a hundredth of a miss per level.
        return (missing * prior.MissCost) + (outside * prior.OutsideCost) + (0.01f * missing * Math.Clamp(1f - (first.Center.Y / inputHeight), 0f, 1f));
    }

    private static float MissedBelow(VertebraCandidate last, int missing, float ratio, int inputHeight, ChainPrior prior)
    {
        var step = MathF.Max(1f, ratio * last.Height);
        var outside = Enumerable.Range(1, missing).Count(m => last.Center.Y + (m * step) > inputHeight);
        return (missing * prior.MissCost) + (outside * prior.OutsideCost) + (0.01f * missing * Math.Clamp(last.Center.Y / inputHeight, 0f, 1f));
    }

    /// <summary>
    /// Centre-to-centre distance of neighbouring vertebrae in units of their mean height, from this
    /// image's confident peaks (the median is robust to an occasional skipped level), from all peaks when
    /// fewer than three are confident, and 1.25 (typical of radiographs) when there is no pair at all.
    /// </summary>
    private static float SpacingRatio(IReadOnlyList<VertebraCandidate> sorted)
    {
        var confident = sorted.Where(c => c.Score >= 0.3f).ToList();
        if (confident.Count < 3)
        {
            confident = [.. sorted];
        }

        var ratios = new List<float>();
        for (var i = 1; i < confident.Count; i++)
        {
            var height = (confident[i - 1].Height + confident[i].Height) / 2f;
            if (height > 1e-3f)
            {
                ratios.Add(Vector2.Distance(confident[i - 1].Center, confident[i].Center) / height);
            }
        }

        return ratios.Count == 0 ? 1.25f : Math.Clamp(SpineChainSelector.Median(ratios), 0.8f, 4f);
    }
}
