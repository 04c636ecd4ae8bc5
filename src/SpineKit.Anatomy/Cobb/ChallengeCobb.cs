using SpineKit.Anatomy.Geometry;

namespace SpineKit.Anatomy.Cobb;

/// <summary>
/// The AASCE 2019 organisers' Cobb angle program, reproduced rule for rule. It works on the raw landmark
/// order (four corners per vertebra, tl, tr, bl, br, top to bottom as labelled) and the image height, and
/// keeps the original's quirks: cosines rounded to 8 decimals, MATLAB's column-major max search with first
/// occurrence on ties and NaN ignored, and an S-test that compares two floating-point sums exactly.
/// </summary>
public static class ChallengeCobb
{
    /// <summary>Applies the rules to a landmark set in its given vertebra order (every vertebra needs four corners).</summary>
    public static ChallengeCobbResult Compute(LandmarkSet landmarks)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        if (landmarks.Vertebrae.Any(v => !v.HasLowerEndplate))
        {
            throw new ArgumentException("The challenge rules need four corners on every vertebra.", nameof(landmarks));
        }

        return Compute(landmarks.CornerArray(), landmarks.Size.Height);
    }

    /// <summary>Applies the rules to raw corners (tl, tr, bl, br per vertebra) in pixels.</summary>
    /// <param name="corners">Four points per vertebra, at least two vertebrae.</param>
    /// <param name="imageHeight">The image height in pixels (decides between the two S-shaped branches).</param>
    public static ChallengeCobbResult Compute(ReadOnlySpan<Point2> corners, double imageHeight)
    {
        if (corners.Length % 4 != 0 || corners.Length < 8)
        {
            throw new ArgumentException($"Expected four corners per vertebra and at least two vertebrae, got {corners.Length} points.", nameof(corners));
        }

        var count = corners.Length / 4;
        var angles = AngleMatrix(corners, count);

        // MATLAB's [maxt, pos1] = max(angles) works column by column; [pt, pos2] = max(maxt) then picks the column.
        var columnMax = new double[count];
        var columnArgMax = new int[count];
        for (var column = 0; column < count; column++)
        {
            (columnMax[column], columnArgMax[column]) = MaxIgnoringNaN(angles, column, 0, count - 1, byRow: true);
        }

        var (largest, upper) = MaxIgnoringNaN(columnMax);
        var lower = columnArgMax[upper];
        var endplateMidpoints = EndplateMidpoints(corners);
        var isS = IsSShaped(endplateMidpoints);
        var last = count - 1;

        double second, third;
        (int, int) secondPair, thirdPair;
        int? pivot = null;
        ChallengeCobbCase branch;
        if (!isS)
        {
            branch = ChallengeCobbCase.SingleCurve;
            second = angles[0, upper];
            third = angles[last, lower];
            secondPair = (0, upper);
            thirdPair = (last, lower);
        }
        else
        {
            // The original reads the lower-endplate midpoints of U and L (MATLAB's mid_p_v(2k, 2), 1-based).
            var lowHigh = endplateMidpoints[(2 * upper) + 1].Y + endplateMidpoints[(2 * lower) + 1].Y;
            (second, var p) = MaxIgnoringNaN(angles, upper, 0, upper, byRow: false);
            secondPair = (p, upper);
            if (lowHigh < imageHeight)
            {
                branch = ChallengeCobbCase.DoubleCurveMainHigh;
                (third, var q) = MaxIgnoringNaN(angles, lower, lower, last, byRow: false);
                thirdPair = (lower, q);
            }
            else
            {
                branch = ChallengeCobbCase.DoubleCurveMainLow;
                pivot = p;
                (third, var q) = MaxIgnoringNaN(angles, p, 0, p, byRow: false);
                thirdPair = (q, p);
            }
        }

        return new ChallengeCobbResult(
            new AngleTriple(ToDegrees(largest), ToDegrees(second), ToDegrees(third)),
            upper,
            lower,
            pivot,
            isS,
            branch,
            secondPair,
            thirdPair);
    }

    /// <summary>
    /// The S-test on endplate midpoints (two per vertebra, top to bottom): the spine is S-shaped unless
    /// every pairwise product of the deviations is non-negative, judged by exact equality of the two sums.
    /// </summary>
    public static bool IsSShaped(ReadOnlySpan<Point2> endplateMidpoints)
    {
        var count = endplateMidpoints.Length;
        if (count < 3)
        {
            throw new ArgumentException("The S-test needs at least three endplate midpoints.", nameof(endplateMidpoints));
        }

        var first = endplateMidpoints[0];
        var lastPoint = endplateMidpoints[count - 1];
        var deviations = new double[count - 2];
        for (var i = 0; i < deviations.Length; i++)
        {
            var p = endplateMidpoints[i];

            // IEEE division on purpose: a zero denominator gives an infinity or NaN, as in the original.
            deviations[i] = ((p.Y - lastPoint.Y) / (first.Y - lastPoint.Y)) - ((p.X - lastPoint.X) / (first.X - lastPoint.X));
        }

        // sum(sum(ll * ll')) sums each column first, then the column sums; the order decides rounding.
        var sum = 0.0;
        var absoluteSum = 0.0;
        for (var column = 0; column < deviations.Length; column++)
        {
            var columnSum = 0.0;
            var columnAbsoluteSum = 0.0;
            for (var row = 0; row < deviations.Length; row++)
            {
                var product = deviations[row] * deviations[column];
                columnSum += product;
                columnAbsoluteSum += Math.Abs(product);
            }

            sum += columnSum;
            absoluteSum += columnAbsoluteSum;
        }

        // NaN compares unequal, so a NaN anywhere makes the spine S-shaped, as in the original.
        return sum != absoluteSum;
    }

    /// <summary>Midpoints of each vertebra's upper then lower endplate, in the given order.</summary>
    public static Point2[] EndplateMidpoints(ReadOnlySpan<Point2> corners)
    {
        var midpoints = new Point2[corners.Length / 2];
        for (var i = 0; i < midpoints.Length; i++)
        {
            midpoints[i] = Point2.Midpoint(corners[2 * i], corners[(2 * i) + 1]);
        }

        return midpoints;
    }

    /// <summary>The angle in radians between every pair of left-to-right vectors, cosines rounded to 8 decimals.</summary>
    internal static double[,] AngleMatrix(ReadOnlySpan<Point2> corners, int count)
    {
        var vectors = new Point2[count];
        var lengths = new double[count];
        for (var i = 0; i < count; i++)
        {
            var left = Point2.Midpoint(corners[4 * i], corners[(4 * i) + 2]);
            var right = Point2.Midpoint(corners[(4 * i) + 1], corners[(4 * i) + 3]);
            vectors[i] = right - left;
            lengths[i] = Math.Sqrt((vectors[i].X * vectors[i].X) + (vectors[i].Y * vectors[i].Y));
        }

        var angles = new double[count, count];
        for (var i = 0; i < count; i++)
        {
            for (var j = 0; j < count; j++)
            {
                var cosine = Point2.Dot(vectors[i], vectors[j]) / (lengths[i] * lengths[j]);
                angles[i, j] = Math.Acos(Math.Round(cosine, 8, MidpointRounding.AwayFromZero));
            }
        }

        return angles;
    }

    private static double ToDegrees(double radians) => radians / Math.PI * 180;

    /// <summary>MATLAB's max over a row or column slice: NaN skipped, first occurrence wins, all-NaN gives NaN at the start.</summary>
    private static (double Value, int Index) MaxIgnoringNaN(double[,] matrix, int fixedIndex, int from, int to, bool byRow)
    {
        var best = double.NaN;
        var bestIndex = from;
        for (var k = from; k <= to; k++)
        {
            var value = byRow ? matrix[k, fixedIndex] : matrix[fixedIndex, k];
            if (!double.IsNaN(value) && (double.IsNaN(best) || value > best))
            {
                best = value;
                bestIndex = k;
            }
        }

        return (best, bestIndex);
    }

    private static (double Value, int Index) MaxIgnoringNaN(double[] values)
    {
        var best = double.NaN;
        var bestIndex = 0;
        for (var k = 0; k < values.Length; k++)
        {
            if (!double.IsNaN(values[k]) && (double.IsNaN(best) || values[k] > best))
            {
                best = values[k];
                bestIndex = k;
            }
        }

        return (best, bestIndex);
    }
}
