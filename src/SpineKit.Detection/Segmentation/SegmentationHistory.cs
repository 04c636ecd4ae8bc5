using System.Globalization;
using System.Text;
using SpineKit.Imaging.Drawing;
using SpineKit.Imaging.Formats.Png;

namespace SpineKit.Detection.Segmentation;

/// <summary>Per-epoch figures of one fold, kept as <c>history.csv</c> (reloaded when a fold resumes).</summary>
public sealed class SegmentationHistory
{
    private const string Header = "epoch,loss,cross_entropy,dice_loss,val_dice,learning_rate,seconds";
    private readonly List<SegmentationEpoch> _rows = [];

    /// <summary>Recorded epochs, oldest first.</summary>
    public IReadOnlyList<SegmentationEpoch> Rows => _rows;

    /// <summary>Adds one epoch.</summary>
    public void Add(SegmentationEpoch row) => _rows.Add(row);

    /// <summary>Reads the rows of an earlier session up to <paramref name="lastEpoch"/>; a missing file gives an empty history.</summary>
    public static SegmentationHistory Read(string path, int lastEpoch)
    {
        var history = new SegmentationHistory();
        if (!File.Exists(path))
        {
            return history;
        }

        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var cells = line.Split(',');
            if (cells.Length == 7 && int.TryParse(cells[0], CultureInfo.InvariantCulture, out var epoch) && epoch <= lastEpoch)
            {
                var values = cells.Skip(1).Select(c => double.TryParse(c, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray();
                history.Add(new SegmentationEpoch(epoch, values[0], values[1], values[2], values[3], values[4], values[5]));
            }
        }

        return history;
    }

    /// <summary>Writes the CSV (replacing the file).</summary>
    public void WriteCsv(string path)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var r in _rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.Epoch},{r.Loss:0.#####},{r.CrossEntropy:0.#####},{r.DiceLoss:0.#####},{r.ValidationDice:0.#####},{r.LearningRate:0.#######},{r.Seconds:0.#}\n");
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>
    /// Draws every fold's training loss (left) and fold-validation Dice (right) against epochs, one colour
    /// per fold (fold 1 blue, 2 red, 3 green, 4 orange, 5 purple, then repeating).
    /// </summary>
    public static void WriteChart(IReadOnlyList<SegmentationHistory> folds, string path)
    {
        ArgumentNullException.ThrowIfNull(folds);
        Rgb[] palette = [Rgb.Blue, Rgb.Red, new(0, 150, 0), new(230, 140, 0), new(140, 0, 170)];
        var chart = LineChart.Render(
        [
            new ChartPanel("training loss per fold", folds.Select((f, i) => new ChartSeries(f.Rows.Select(r => r.Loss).ToArray(), palette[i % palette.Length])).ToArray()),
            new ChartPanel("fold-validation Dice per fold", folds.Select((f, i) => new ChartSeries(f.Rows.Select(r => r.ValidationDice).ToArray(), palette[i % palette.Length])).ToArray()),
        ]);
        File.WriteAllBytes(path, PngEncoder.Encode(chart));
    }
}

/// <summary>One epoch of one fold.</summary>
/// <param name="Epoch">Epoch, from 1.</param>
/// <param name="Loss">Mean total training loss.</param>
/// <param name="CrossEntropy">Mean cross-entropy part.</param>
/// <param name="DiceLoss">Mean body Dice-loss part.</param>
/// <param name="ValidationDice">Mean body Dice on the fold's validation images.</param>
/// <param name="LearningRate">Learning rate at the end of the epoch.</param>
/// <param name="Seconds">Wall-clock seconds of the epoch including validation.</param>
public sealed record SegmentationEpoch(int Epoch, double Loss, double CrossEntropy, double DiceLoss, double ValidationDice, double LearningRate, double Seconds);
