using System.Globalization;
using System.Numerics;

namespace SpineKit.Imaging.Drawing;

/// <summary>One line of a <see cref="LineChart"/> panel: a value per step (NaN leaves a step out).</summary>
/// <param name="Values">The values, first step first.</param>
/// <param name="Color">Line colour.</param>
public sealed record ChartSeries(IReadOnlyList<double> Values, Rgb Color);

/// <summary>One panel of a <see cref="LineChart"/>: a title and lines sharing the axes.</summary>
/// <param name="Title">Text above the plot (say which colour is what).</param>
/// <param name="Series">The lines.</param>
public sealed record ChartPanel(string Title, IReadOnlyList<ChartSeries> Series);

/// <summary>
/// Small line charts for training curves: panels side by side, each with its own y range (from zero, or
/// the lowest value when it is negative), x from the first to the last step, labelled minimum, maximum
/// and step count. Enough to see at a glance whether a run converged, without a plotting library.
/// </summary>
public static class LineChart
{
    private const int PanelWidth = 420;
    private const int Height = 300;
    private const int Margin = 40;

    /// <summary>Renders the panels left to right into an RGB image.</summary>
    public static Image<byte> Render(IReadOnlyList<ChartPanel> panels)
    {
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0)
        {
            throw new ArgumentException("A chart needs at least one panel.", nameof(panels));
        }

        var canvas = new Image<byte>((panels.Count * (PanelWidth + Margin)) - Margin, Height, 3);
        Array.Fill(canvas.Pixels, (byte)255);
        for (var i = 0; i < panels.Count; i++)
        {
            DrawPanel(canvas, i * (PanelWidth + Margin), panels[i]);
        }

        return canvas;
    }

    private static void DrawPanel(Image<byte> canvas, int left, ChartPanel panel)
    {
        var plotLeft = left + Margin;
        var plotRight = left + PanelWidth - 10;
        const int plotTop = 24, plotBottom = Height - Margin;
        Draw.Text(canvas, panel.Title, plotLeft, 6, Rgb.Black);
        Draw.Line(canvas, new Vector2(plotLeft, plotBottom), new Vector2(plotRight, plotBottom), 1, Rgb.Black);
        Draw.Line(canvas, new Vector2(plotLeft, plotTop), new Vector2(plotLeft, plotBottom), 1, Rgb.Black);
        var all = panel.Series.SelectMany(s => s.Values).Where(double.IsFinite).ToArray();
        if (all.Length == 0)
        {
            return;
        }

        var minimum = Math.Min(0, all.Min());
        var maximum = Math.Max(all.Max() * 1.05, minimum + 1e-9);
        var count = panel.Series.Max(s => s.Values.Count);
        Draw.Text(canvas, maximum.ToString("0.##", CultureInfo.InvariantCulture), left + 2, plotTop, Rgb.Black);
        Draw.Text(canvas, minimum.ToString("0.##", CultureInfo.InvariantCulture), left + 2, plotBottom - 8, Rgb.Black);
        Draw.Text(canvas, string.Create(CultureInfo.InvariantCulture, $"epoch {count}"), plotRight - 60, plotBottom + 8, Rgb.Black);
        foreach (var series in panel.Series)
        {
            var points = series.Values
                .Select((v, i) => (Value: v, Index: i))
                .Where(p => double.IsFinite(p.Value))
                .Select(p => new Vector2(
                    plotLeft + ((plotRight - plotLeft) * (count == 1 ? 0.5f : p.Index / (float)(count - 1))),
                    (float)(plotBottom - ((plotBottom - plotTop) * (Math.Clamp(p.Value, minimum, maximum) - minimum) / (maximum - minimum)))))
                .ToArray();
            if (points.Length > 0)
            {
                Draw.Polyline(canvas, points, 2, series.Color);
                Draw.Points(canvas, points, 2, series.Color);
            }
        }
    }
}
