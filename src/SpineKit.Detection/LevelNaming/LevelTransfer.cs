using System.Diagnostics.CodeAnalysis;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;

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

    /// <summary>
    /// The margin (natural log of the likelihood ratio of the level classifier's best and second-best naming) below
    /// which a corner chain framed as the corner model was trained keeps its own names. There the corner model names
    /// by place in a frame like its training films and is right about as often as the classifier (22 and 24 of the
    /// 96 validation films shifted); where the classifier is unsure, renaming cost more films than it fixed. Chosen
    /// on the validation split dealt into two halves: choosing on either half, the other half did no worse (the
    /// level classifier's card).
    /// </summary>
    public const double DefaultMinimumMargin = 5.0;

    /// <summary>
    /// The least fraction of the film's height that T1..L5 span on the 481 AASCE training films (0.72; the median is
    /// 0.90): a chain spanning less sits on a film framed wider than the corner model was trained on.
    /// </summary>
    internal const double TrainingFramingSpan = 0.72;

    /// <summary>
    /// Whether <paramref name="corners"/> takes the names of <paramref name="named"/>: it does unless the two namings
    /// disagree, the classifier's margin is below <paramref name="minimumMargin"/>, and the corner model ran on the
    /// whole film with the chain spanning as much of its height as on its training films (only there are its
    /// positional names evidence; in a region cut around the locator's chain, or on a film framed wider, they are not).
    /// </summary>
    /// <returns>The chain to report, and whether it kept its names against the classifier (the labels are in doubt).</returns>
    public static (LandmarkSet Landmarks, bool KeptAgainstClassifier) Decide(LandmarkSet corners, LandmarkSet named, IReadOnlyList<VertebraLevel> levels, double margin, bool wholeFilm, double minimumMargin = DefaultMinimumMargin)
    {
        var offset = Offset(corners, named, levels);
        if (offset is not null and not 0 && wholeFilm && margin < minimumMargin && FramedAsTrained(corners))
        {
            return (corners, true);
        }

        return (offset is { } shift ? Rename(corners, named, levels, shift) : corners, false);
    }

    /// <summary>Whether the chain spans as much of the film's height as on the challenge films the corner model learnt from.</summary>
    internal static bool FramedAsTrained(LandmarkSet chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var corners = chain.Vertebrae.Where(v => v.Confidence > 0).SelectMany(v => v.CornerArray()).ToList();
        return corners.Count > 0 && corners.Max(p => p.Y) - corners.Min(p => p.Y) >= TrainingFramingSpan * chain.Size.Height;
    }

    /// <summary>Renames <paramref name="corners"/> after <paramref name="named"/> (see the type's summary).</summary>
    /// <param name="corners">The corner model's chain.</param>
    /// <param name="named">The locator's chain after the level classifier named it.</param>
    /// <param name="levels">The levels the corner model knows, top to bottom (T1..L5 for the AP model).</param>
    public static LandmarkSet Apply(LandmarkSet corners, LandmarkSet named, IReadOnlyList<VertebraLevel> levels) =>
        Offset(corners, named, levels) is { } shift ? Rename(corners, named, levels, shift) : corners;

    /// <summary><see cref="Apply"/> once the offset between the two chains is known.</summary>
    private static LandmarkSet Rename(LandmarkSet corners, LandmarkSet named, IReadOnlyList<VertebraLevel> levels, int shift)
    {
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
            if (TryMatch(named.Vertebrae.Where(n => n.Confidence > 0 && index.ContainsKey(n.Level)), n => n, vertebra, out var nearest))
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

    /// <summary>
    /// The candidate whose body (<paramref name="body"/>) lies nearest to <paramref name="vertebra"/>, centre to centre,
    /// when it lies within <see cref="MatchDistance"/> of the vertebra's height: how two chains of one film are paired.
    /// </summary>
    internal static bool TryMatch<T>(IEnumerable<T> candidates, Func<T, Vertebra> body, Vertebra vertebra, [MaybeNullWhen(false)] out T match)
    {
        var found = false;
        var nearest = double.PositiveInfinity;
        match = default;
        foreach (var candidate in candidates)
        {
            var distance = Point2.Distance(body(candidate).Center, vertebra.Center);
            if (distance < nearest)
            {
                (nearest, match, found) = (distance, candidate, true);
            }
        }

        return found && nearest < MatchDistance * vertebra.Height;
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
