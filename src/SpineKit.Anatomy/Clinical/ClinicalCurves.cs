using SpineKit.Anatomy.Geometry;

namespace SpineKit.Anatomy.Clinical;

/// <summary>
/// Finds the curves of a coronal spine. The body tilts, top to bottom, rise and fall; each turn of at least
/// <c>minimumCurveDegrees</c> is a turning vertebra, and each pair of consecutive turning vertebrae bounds one
/// curve. The end vertebrae are then refined by one level either way to the pair whose upper endplate (upper
/// end) and lower endplate (lower end) are most tilted against each other, which is the Cobb angle.
/// </summary>
public static class ClinicalCurves
{
    /// <summary>The default smallest Cobb angle that counts as a curve: 10 degrees, the usual threshold of scoliosis; smaller bends are not curves.</summary>
    public const double DefaultMinimumCurveDegrees = 10;

    /// <summary>Tilt of the segment from <paramref name="left"/> to <paramref name="right"/>, degrees, positive when the right end is higher.</summary>
    public static double Tilt(Point2 left, Point2 right) =>
        Math.Atan2(-(right.Y - left.Y), right.X - left.X) * (180 / Math.PI);

    /// <summary>The tilts of one vertebra.</summary>
    public static VertebralTilt TiltOf(Vertebra vertebra)
    {
        ArgumentNullException.ThrowIfNull(vertebra);
        var upper = Tilt(vertebra.TopLeft, vertebra.TopRight);
        if (!vertebra.HasLowerEndplate)
        {
            return new VertebralTilt(vertebra.Level, upper, upper, null);
        }

        var body = Tilt(Point2.Midpoint(vertebra.TopLeft, vertebra.BottomLeft), Point2.Midpoint(vertebra.TopRight, vertebra.BottomRight));
        return new VertebralTilt(vertebra.Level, body, upper, Tilt(vertebra.BottomLeft, vertebra.BottomRight));
    }

    /// <summary>Reports every curve and tilt of <paramref name="landmarks"/>, which must be ordered top to bottom (sanitised).</summary>
    public static ClinicalCurveReport Analyze(LandmarkSet landmarks, double minimumCurveDegrees = DefaultMinimumCurveDegrees)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        if (!(minimumCurveDegrees > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumCurveDegrees), minimumCurveDegrees, "The minimum curve must be positive.");
        }

        var vertebrae = landmarks.Vertebrae;
        var tilts = vertebrae.Select(TiltOf).ToArray();
        var turns = TurningPoints(tilts.Select(t => t.Body).ToArray(), minimumCurveDegrees);
        var curves = new List<CoronalCurve>();
        for (var k = 0; k + 1 < turns.Count; k++)
        {
            // Turns are found on body tilts, the angle on endplates: with distorted corners (a crossing
            // drag, a mislabelled corner) the endplate angle can stay under the minimum; that is no curve.
            var curve = Curve(vertebrae, tilts, turns[k], turns[k + 1]);
            if (curve.CobbAngle >= minimumCurveDegrees)
            {
                curves.Add(curve);
            }
        }

        // The major curve is the largest; a curve ending on the first or last vertebra found may run on past it.
        var major = curves.Count == 0 ? null : curves.MaxBy(c => c.CobbAngle);
        var first = vertebrae.Count == 0 ? (VertebraLevel?)null : vertebrae[0].Level;
        var last = vertebrae.Count == 0 ? (VertebraLevel?)null : vertebrae[^1].Level;
        var marked = curves.Select(c => c with { IsMajor = ReferenceEquals(c, major), ReachesLastFoundLevel = c.UpperEnd == first || c.LowerEnd == last }).ToList();
        return new ClinicalCurveReport(marked, tilts) { Sacral = SacralAlignment.Of(landmarks) };
    }

    /// <summary>
    /// Alternating extremes of <paramref name="values"/> that differ from their neighbours by at least
    /// <paramref name="threshold"/> (a zigzag with hysteresis), including the first and last extreme of the run.
    /// </summary>
    internal static List<int> TurningPoints(double[] values, double threshold)
    {
        var turns = new List<int>();
        if (values.Length < 2)
        {
            return turns;
        }

        var direction = 0;
        int lowest = 0, highest = 0, candidate = 0;
        for (var k = 1; k < values.Length; k++)
        {
            var value = values[k];
            switch (direction)
            {
                case 0:
                    if (value < values[lowest])
                    {
                        lowest = k;
                    }

                    if (value > values[highest])
                    {
                        highest = k;
                    }

                    if (value - values[lowest] >= threshold)
                    {
                        turns.Add(lowest);
                        (direction, candidate) = (1, k);
                        for (var j = lowest + 1; j <= k; j++)
                        {
                            candidate = values[j] > values[candidate] ? j : candidate;
                        }
                    }
                    else if (values[highest] - value >= threshold)
                    {
                        turns.Add(highest);
                        (direction, candidate) = (-1, k);
                        for (var j = highest + 1; j <= k; j++)
                        {
                            candidate = values[j] < values[candidate] ? j : candidate;
                        }
                    }

                    break;
                case 1:
                    if (value > values[candidate])
                    {
                        candidate = k;
                    }
                    else if (values[candidate] - value >= threshold)
                    {
                        turns.Add(candidate);
                        (direction, candidate) = (-1, k);
                    }

                    break;
                default:
                    if (value < values[candidate])
                    {
                        candidate = k;
                    }
                    else if (value - values[candidate] >= threshold)
                    {
                        turns.Add(candidate);
                        (direction, candidate) = (1, k);
                    }

                    break;
            }
        }

        if (direction != 0)
        {
            turns.Add(candidate);
        }

        return turns;
    }

    private static CoronalCurve Curve(IReadOnlyList<Vertebra> vertebrae, VertebralTilt[] tilts, int upperTurn, int lowerTurn)
    {
        // Positive when the tilt falls going down: the spine then bows towards the image right.
        var sign = Math.Sign(tilts[upperTurn].Body - tilts[lowerTurn].Body);
        var bestAngle = double.NegativeInfinity;
        int upper = upperTurn, lower = lowerTurn;
        foreach (var i in Window(upperTurn, vertebrae.Count))
        {
            foreach (var j in Window(lowerTurn, vertebrae.Count))
            {
                if (j <= i)
                {
                    continue;
                }

                var angle = sign * (tilts[i].UpperEndplate - (tilts[j].LowerEndplate ?? tilts[j].UpperEndplate));
                if (angle > bestAngle)
                {
                    (bestAngle, upper, lower) = (angle, i, j);
                }
            }
        }

        var apex = Apex(vertebrae, tilts, upper, lower);
        return new CoronalCurve(
            vertebrae[upper].Level,
            vertebrae[lower].Level,
            vertebrae[apex].Level,
            bestAngle,
            sign > 0 ? CurveSide.ImageRight : CurveSide.ImageLeft,
            ClinicalClassification.Region(vertebrae[apex].Level),
            ClinicalClassification.Severity(bestAngle));
    }

    /// <summary>The turning vertebra first, then its neighbours, so ties keep the turning vertebra.</summary>
    private static IEnumerable<int> Window(int centre, int count) =>
        new[] { centre, centre - 1, centre + 1 }.Where(i => i >= 0 && i < count);

    /// <summary>The vertebra furthest from the chord between the end vertebrae' centres; the least tilted one when none stands out.</summary>
    private static int Apex(IReadOnlyList<Vertebra> vertebrae, VertebralTilt[] tilts, int upper, int lower)
    {
        var from = vertebrae[upper].Center;
        var chord = vertebrae[lower].Center - from;
        var length = chord.Length;
        var apex = -1;
        var bestDistance = 0.0;
        for (var k = upper + 1; k < lower && length > 0; k++)
        {
            var distance = Math.Abs(Point2.Cross(chord, vertebrae[k].Center - from)) / length;
            if (distance > bestDistance + 1e-9)
            {
                (bestDistance, apex) = (distance, k);
            }
        }

        return apex >= 0 ? apex : LeastTilted(tilts, upper, lower);
    }

    private static int LeastTilted(VertebralTilt[] tilts, int upper, int lower)
    {
        var middle = (tilts[upper].Body + tilts[lower].Body) / 2;
        var best = upper;
        for (var k = upper; k <= lower; k++)
        {
            // The margin keeps exact ties (e.g. two end vertebrae only) on the upper one despite rounding.
            if (Math.Abs(tilts[k].Body - middle) < Math.Abs(tilts[best].Body - middle) - 1e-9)
            {
                best = k;
            }
        }

        return best;
    }
}
