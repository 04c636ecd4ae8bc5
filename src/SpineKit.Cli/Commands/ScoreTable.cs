using System.Globalization;
using Spectre.Console;
using SpineKit.Anatomy.Metrics;

namespace SpineKit.Cli.Commands;

/// <summary>Renders a <see cref="ScoreCard"/> as plain-text Spectre.Console tables.</summary>
internal static class ScoreTable
{
    public static void Write(TextWriter writer, ScoreCard card)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 100;

        var table = new Table().Border(TableBorder.Simple).AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("images", card.Images.ToString(CultureInfo.InvariantCulture));
        table.AddRow("SMAPE (%)", F(card.Smape));
        table.AddRow("MAE angle 1 / 2 / 3 (deg)", $"{F(card.MeanAbsoluteError.First)} / {F(card.MeanAbsoluteError.Second)} / {F(card.MeanAbsoluteError.Third)}");
        table.AddRow("circular MAE (deg)", F(card.CircularMeanAbsoluteError));
        table.AddRow("mean Euclidean / Manhattan / Chebyshev (deg)", $"{F(card.MeanEuclidean)} / {F(card.MeanManhattan)} / {F(card.MeanChebyshev)}");
        table.AddRow("mean radial error (px)", card.MeanRadialError is { } mre ? F(mre) : "n/a (no image sizes)");
        table.AddRow("mean radial error (mm)", card.MeanRadialErrorMillimetres is { } mm ? F(mm) : "n/a (no pixel spacing)");
        if (card.Pck is { } pck)
        {
            foreach (var point in pck.Where((_, i) => i % 2 == 1))
            {
                table.AddRow($"PCK @ {point.Fraction * 100:F0}% width (%)", F(point.Percentage));
            }
        }

        if (card.NormalizedErrors is { } normalised)
        {
            table.AddRow("median |dx| / width, N-weighted", F(normalised.GlobalX, "F4"));
            table.AddRow("median |dy| / height, N-weighted", F(normalised.GlobalY, "F4"));
        }

        console.Write(table);
        if (card.NormalizedErrors is { PerLevel.Count: > 0 } errors)
        {
            var levels = new Table().Border(TableBorder.Simple).AddColumn("level").AddColumn(new TableColumn("N").RightAligned())
                .AddColumn(new TableColumn("median |dx|/w").RightAligned()).AddColumn(new TableColumn("median |dy|/h").RightAligned());
            foreach (var row in errors.PerLevel)
            {
                levels.AddRow(row.Level.ToString(), row.Count.ToString(CultureInfo.InvariantCulture), F(row.MedianX, "F4"), F(row.MedianY, "F4"));
            }

            console.Write(levels);
        }
    }

    private static string F(double value, string format = "F3") => value.ToString(format, CultureInfo.InvariantCulture);
}
