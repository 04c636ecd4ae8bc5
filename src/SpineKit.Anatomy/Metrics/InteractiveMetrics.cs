namespace SpineKit.Anatomy.Metrics;

/// <summary>
/// Metrics of interactive correction. Each image has a sequence of mean landmark errors: index 0 before any
/// click, index k after k clicks; all sequences have the same length.
/// </summary>
public static class InteractiveMetrics
{
    /// <summary>The mean error over images after <paramref name="clicks"/> clicks.</summary>
    public static double ErrorAfterClicks(IReadOnlyList<IReadOnlyList<double>> errorsByImage, int clicks)
    {
        var length = RequireSequences(errorsByImage);
        ArgumentOutOfRangeException.ThrowIfNegative(clicks);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(clicks, length);
        return errorsByImage.Average(e => e[clicks]);
    }

    /// <summary>Clicks needed for one image's error to reach at most <paramref name="threshold"/>; <paramref name="maxClicks"/> when it never does.</summary>
    public static int ClicksToReach(IReadOnlyList<double> errors, double threshold, int maxClicks)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentOutOfRangeException.ThrowIfNegative(maxClicks);
        for (var k = 0; k <= maxClicks && k < errors.Count; k++)
        {
            if (errors[k] <= threshold)
            {
                return k;
            }
        }

        return maxClicks;
    }

    /// <summary>NoC@t: the mean over images of the clicks needed to reach an error of at most <paramref name="threshold"/>, capped at <paramref name="maxClicks"/>.</summary>
    public static double NumberOfClicks(IReadOnlyList<IReadOnlyList<double>> errorsByImage, double threshold, int maxClicks)
    {
        RequireSequences(errorsByImage);
        return errorsByImage.Average(e => (double)ClicksToReach(e, threshold, maxClicks));
    }

    /// <summary>FR@t: the share (0 to 1) of images whose error never reaches <paramref name="threshold"/> within <paramref name="maxClicks"/> clicks.</summary>
    public static double FailureRate(IReadOnlyList<IReadOnlyList<double>> errorsByImage, double threshold, int maxClicks)
    {
        RequireSequences(errorsByImage);
        ArgumentOutOfRangeException.ThrowIfNegative(maxClicks);
        return errorsByImage.Count(e => !e.Take(maxClicks + 1).Any(x => x <= threshold)) / (double)errorsByImage.Count;
    }

    private static int RequireSequences(IReadOnlyList<IReadOnlyList<double>> errorsByImage)
    {
        ArgumentNullException.ThrowIfNull(errorsByImage);
        if (errorsByImage.Count == 0)
        {
            throw new ArgumentException("No images.", nameof(errorsByImage));
        }

        var length = errorsByImage[0].Count;
        if (length == 0 || errorsByImage.Any(e => e.Count != length))
        {
            throw new ArgumentException("Every image needs the same, non-empty number of error values.", nameof(errorsByImage));
        }

        return length;
    }
}
