namespace SpineKit.Web.Tests;

/// <summary>
/// Colour-vision deficiency simulation (Machado, Oliveira and Fernandes 2009, severity 1.0, applied to linear sRGB)
/// and the CIE76 colour difference in CIELAB (D65), to check that colours stay apart for dichromats.
/// </summary>
internal static class ColourVision
{
    public static readonly (string Name, double[,] Matrix)[] Deficiencies =
    [
        ("normal vision", new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }),
        ("protanopia", new[,] { { 0.152286, 1.052583, -0.204868 }, { 0.114503, 0.786281, 0.099216 }, { -0.003882, -0.048116, 1.051998 } }),
        ("deuteranopia", new[,] { { 0.367322, 0.860646, -0.227968 }, { 0.280085, 0.672501, 0.047413 }, { -0.011820, 0.042940, 0.968881 } }),
        ("tritanopia", new[,] { { 1.255528, -0.076749, -0.178779 }, { -0.078411, 0.930809, 0.147602 }, { 0.004733, 0.691367, 0.303900 } }),
    ];

    /// <summary>The CIELAB colour a viewer with the deficiency of <paramref name="matrix"/> sees for "#rrggbb".</summary>
    public static (double L, double A, double B) Simulate(string hex, double[,] matrix)
    {
        double[] linear = [Linear(hex[1..3]), Linear(hex[3..5]), Linear(hex[5..7])];
        var seen = new double[3];
        for (var i = 0; i < 3; i++)
        {
            seen[i] = Math.Clamp((matrix[i, 0] * linear[0]) + (matrix[i, 1] * linear[1]) + (matrix[i, 2] * linear[2]), 0, 1);
        }

        var x = ((0.4124 * seen[0]) + (0.3576 * seen[1]) + (0.1805 * seen[2])) / 0.95047;
        var y = (0.2126 * seen[0]) + (0.7152 * seen[1]) + (0.0722 * seen[2]);
        var z = ((0.0193 * seen[0]) + (0.1192 * seen[1]) + (0.9505 * seen[2])) / 1.08883;
        return ((116 * F(y)) - 16, 500 * (F(x) - F(y)), 200 * (F(y) - F(z)));

        static double F(double t) => t > 0.008856 ? Math.Cbrt(t) : (7.787 * t) + (16.0 / 116);
    }

    public static double DeltaE((double L, double A, double B) p, (double L, double A, double B) q) =>
        Math.Sqrt(((p.L - q.L) * (p.L - q.L)) + ((p.A - q.A) * (p.A - q.A)) + ((p.B - q.B) * (p.B - q.B)));

    private static double Linear(string channel)
    {
        var c = Convert.ToInt32(channel, 16) / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }
}
