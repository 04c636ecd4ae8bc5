using SpineKit.Anatomy;

namespace SpineKit.Detection.LevelNaming;

/// <summary>
/// Gives the corner model's chain the names of the locator's named chain. The corner model names its bodies by their
/// place in the frame it was given; on a film where the frame's edge cuts into C7 or S1 it takes the one beyond for
/// T1 or L5 and every name slips. The locator's chain, named from anatomy, says which body is which: each corner
/// vertebra is matched to the nearest named one, the chain takes the median offset as one shift (order is kept), names
/// moved past the levels the corner model knows are left out, and a level the named chain has but the corner
/// chain lacks (the end its slip pushed out) is taken from the named chain, or else extended from its two neighbours
/// and marked inferred, for the refiner to find on the film.
/// </summary>
internal static class LevelTransfer
{
    /// <summary>A match needs centres closer than this fraction of the body's height.</summary>
    internal const double MatchDistance = 0.6;

    /// <summary>Renames <paramref name="corners"/> after <paramref name="named"/> (see the type's summary).</summary>
    /// <param name="corners">The corner model's chain.</param>
    /// <param name="named">The locator's chain after the level classifier named it.</param>
    /// <param name="levels">The levels the corner model knows, top to bottom (T1..L5 for the AP model).</param>
    public static LandmarkSet Apply(LandmarkSet corners, LandmarkSet named, IReadOnlyList<VertebraLevel> levels)
    {
        if (Offset(corners, named, levels) is not { } shift)
        {
            return corners;
        }

        var index = levels.Select((level, i) => (level, i)).ToDictionary(p => p.level, p => p.i);
        var renamed = new List<Vertebra>();
        foreach (var vertebra in corners.Vertebrae)
        {
            if (index.TryGetValue(vertebra.Level, out var i) && i + shift >= 0 && i + shift < levels.Count)
            {
                renamed.Add(Vertebra.FromCorners(levels[i + shift], vertebra.CornerArray(), vertebra.Confidence));
            }
        }

        foreach (var vertebra in named.Vertebrae)
        {
            if (vertebra.Confidence > 0 && index.ContainsKey(vertebra.Level) && renamed.All(r => r.Level != vertebra.Level))
            {
                renamed.Add(vertebra);
            }
        }

        var ordered = renamed.OrderBy(v => index[v.Level]).ToList();
        if (shift != 0)
        {
            // The slip pushed an end out of the corner chain and the named chain lacks it too. The corner model's
            // frame held all the levels, so the film shows it: it is extended from its two neighbours, marked
            // inferred (confidence 0), for the refiner to find on the film. Leaving it out would cost the film its
            // challenge row, since the challenge layout has every level.
            Extend(ordered, levels, index, corners.Size, atTop: shift > 0);
        }

        return corners.WithVertebrae(ordered);
    }

    /// <summary>
    /// By how many levels the corner chain's names differ from the named chain's (the median over the corner
    /// vertebrae matched to a named one; positive: the named chain calls them lower), or null when fewer than
    /// <see cref="LevelClassifier.MinimumVertebrae"/> match.
    /// </summary>
    public static int? Offset(LandmarkSet corners, LandmarkSet named, IReadOnlyList<VertebraLevel> levels)
    {
        ArgumentNullException.ThrowIfNull(corners);
        ArgumentNullException.ThrowIfNull(named);
        ArgumentNullException.ThrowIfNull(levels);
        var index = levels.Select((level, i) => (level, i)).ToDictionary(p => p.level, p => p.i);
        var offsets = new List<int>();
        foreach (var vertebra in corners.Vertebrae.Where(v => v.Confidence > 0 && v.HasLowerEndplate && index.ContainsKey(v.Level)))
        {
            var nearest = named.Vertebrae.Where(n => n.Confidence > 0 && index.ContainsKey(n.Level)).MinBy(n => (n.Center - vertebra.Center).Length);
            if (nearest is not null && (nearest.Center - vertebra.Center).Length < MatchDistance * vertebra.Height)
            {
                offsets.Add(index[nearest.Level] - index[vertebra.Level]);
            }
        }

        if (offsets.Count < LevelClassifier.MinimumVertebrae)
        {
            return null;
        }

        offsets.Sort();
        return offsets[offsets.Count / 2];
    }

    /// <summary>Adds the levels beyond the chain's end at the top or bottom, one body step at a time, while they lie on the film.</summary>
    private static void Extend(List<Vertebra> ordered, IReadOnlyList<VertebraLevel> levels, Dictionary<VertebraLevel, int> index, Anatomy.Geometry.ImageSize size, bool atTop)
    {
        while (ordered.Count >= 2)
        {
            var (end, next) = atTop ? (ordered[0], ordered[1]) : (ordered[^1], ordered[^2]);
            var target = index[end.Level] + (atTop ? -1 : 1);
            if (target < 0 || target >= levels.Count || Math.Abs(index[next.Level] - index[end.Level]) != 1 || !end.HasLowerEndplate || !next.HasLowerEndplate)
            {
                return;
            }

            var step = end.Center - next.Center;
            var extended = Vertebra.FromCorners(levels[target], [.. end.CornerArray().Select(p => p + step)], 0);
            if (extended.Center.X < 0 || extended.Center.Y < 0 || extended.Center.X >= size.Width || extended.Center.Y >= size.Height)
            {
                return;
            }

            ordered.Insert(atTop ? 0 : ordered.Count, extended);
        }
    }
}
