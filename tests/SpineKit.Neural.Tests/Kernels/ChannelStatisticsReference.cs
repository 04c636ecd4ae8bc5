using SpineKit.Neural.Kernels;

namespace SpineKit.Neural.Tests.Kernels;

/// <summary>Double-precision scalar definitions of <see cref="ChannelStatistics"/>.</summary>
internal static class ChannelStatisticsReference
{
    /// <summary>Sum of <paramref name="x"/>.</summary>
    public static double Sum(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (var v in x)
        {
            sum += v;
        }

        return sum;
    }

    /// <summary><c>sum((x - mean)^2)</c>.</summary>
    public static double SumSquaredDeviations(ReadOnlySpan<float> x, float mean)
    {
        double sum = 0;
        foreach (var v in x)
        {
            sum += ((double)v - mean) * ((double)v - mean);
        }

        return sum;
    }

    /// <summary><c>sum(y * (x - mean))</c>.</summary>
    public static double CenteredDot(ReadOnlySpan<float> x, ReadOnlySpan<float> y, float mean)
    {
        double sum = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += (double)y[i] * ((double)x[i] - mean);
        }

        return sum;
    }
}
