using System.Globalization;
using System.Numerics;
using System.Text;
using SpineKit.Imaging;
using SpineKit.Imaging.Drawing;
using SpineKit.Imaging.Formats.Png;

namespace SpineKit.Detection.Training;

/// <summary>Per-epoch training loss and validation figures, saved as CSV and drawn as a PNG chart.</summary>
public sealed class TrainingHistory
{
    private readonly List<(int Epoch, double Loss, ValidationFigures Validation)> _rows = [];

    /// <summary>Recorded epochs, oldest first.</summary>
    public IReadOnlyList<(int Epoch, double Loss, ValidationFigures Validation)> Rows => _rows;

    /// <summary>Adds one epoch.</summary>
    public void Add(int epoch, double loss, ValidationFigures validation) => _rows.Add((epoch, loss, validation));

    /// <summary>Writes <c>history.csv</c> with one row per epoch.</summary>
    public void WriteCsv(string path)
    {
        var text = new StringBuilder("epoch,loss,val_mre_px,val_smape_pct,val_mae1,val_mae2,val_mae3,val_circular_mae\n");
        foreach (var (epoch, loss, v) in _rows)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{epoch},{loss:0.#####},{v.MeanRadialError:0.###},{v.Smape:0.###},{v.AngleMae.First:0.###},{v.AngleMae.Second:0.###},{v.AngleMae.Third:0.###},{v.CircularMae:0.###}\n");
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>Draws training loss (left) and validation error in pixels and SMAPE (right) against epochs.</summary>
    public void WriteChart(string path)
    {
        const int panelWidth = 420, height = 300, margin = 40;
        var canvas = new Image<byte>((2 * panelWidth) + margin, height, 3);
        Array.Fill(canvas.Pixels, (byte)255);
        DrawPanel(canvas, 0, panelWidth, height, margin, "training loss", [(_rows.Select(r => r.Loss).ToArray(), Rgb.Blue)]);
        DrawPanel(canvas, panelWidth + margin, panelWidth, height, margin, "val MRE px (red), SMAPE % (green)",
            [(_rows.Select(r => r.Validation.MeanRadialError).ToArray(), Rgb.Red), (_rows.Select(r => r.Validation.Smape).ToArray(), new Rgb(0, 150, 0))]);
        File.WriteAllBytes(path, PngEncoder.Encode(canvas));
    }

    private static void DrawPanel(Image<byte> canvas, int left, int width, int height, int margin, string title, (double[] Values, Rgb Colour)[] series)
    {
        var plotLeft = left + margin;
        var plotRight = left + width - 10;
        var plotTop = 24;
        var plotBottom = height - margin;
        Draw.Text(canvas, title, plotLeft, 6, Rgb.Black);
        Draw.Line(canvas, new Vector2(plotLeft, plotBottom), new Vector2(plotRight, plotBottom), 1, Rgb.Black);
        Draw.Line(canvas, new Vector2(plotLeft, plotTop), new Vector2(plotLeft, plotBottom), 1, Rgb.Black);
        var all = series.SelectMany(s => s.Values).Where(double.IsFinite).ToArray();
        if (all.Length == 0)
        {
            return;
        }

        var maximum = all.Max() * 1.05;
        var minimum = Math.Min(0, all.Min());
        var count = series.Max(s => s.Values.Length);
        Draw.Text(canvas, maximum.ToString("0.##", CultureInfo.InvariantCulture), left + 2, plotTop, Rgb.Black);
        Draw.Text(canvas, minimum.ToString("0.##", CultureInfo.InvariantCulture), left + 2, plotBottom - 8, Rgb.Black);
        Draw.Text(canvas, $"epoch {count}", plotRight - 60, plotBottom + 8, Rgb.Black);
        foreach (var (values, colour) in series)
        {
            var points = values.Select((v, i) => new Vector2(
                plotLeft + ((plotRight - plotLeft) * (count == 1 ? 0.5f : i / (float)(count - 1))),
                (float)(plotBottom - ((plotBottom - plotTop) * (Math.Clamp(v, minimum, maximum) - minimum) / (maximum - minimum))))).ToArray();
            Draw.Polyline(canvas, points, 2, colour);
            Draw.Points(canvas, points, 2, colour);
        }
    }
}
