using System.Globalization;
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
        var chart = LineChart.Render(
        [
            new ChartPanel("training loss", [new ChartSeries(_rows.Select(r => r.Loss).ToArray(), Rgb.Blue)]),
            new ChartPanel("val MRE px (red), SMAPE % (green)",
                [new ChartSeries(_rows.Select(r => r.Validation.MeanRadialError).ToArray(), Rgb.Red), new ChartSeries(_rows.Select(r => r.Validation.Smape).ToArray(), new Rgb(0, 150, 0))]),
        ]);
        File.WriteAllBytes(path, PngEncoder.Encode(chart));
    }
}
