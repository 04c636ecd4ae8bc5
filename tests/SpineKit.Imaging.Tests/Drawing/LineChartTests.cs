using SpineKit.Imaging.Drawing;

namespace SpineKit.Imaging.Tests.Drawing;

public class LineChartTests
{
    [Fact]
    public void ARisingSeriesRunsFromTheLowerLeftToTheUpperRightOfItsPanel()
    {
        var chart = LineChart.Render([new ChartPanel("rising", [new ChartSeries([0, 1, 2, 3, 4], Rgb.Red)])]);

        var red = RedPixels(chart);
        Assert.NotEmpty(red);
        var left = red.Where(p => p.X < chart.Width / 3).ToList();
        var right = red.Where(p => p.X > 2 * chart.Width / 3).ToList();
        Assert.NotEmpty(left);
        Assert.NotEmpty(right);
        Assert.True(left.Average(p => p.Y) > right.Average(p => p.Y) + 100, "image rows grow downwards, so the start lies lower");
    }

    [Fact]
    public void PanelsSitSideBySideAndMissingValuesAreLeftOut()
    {
        var one = LineChart.Render([new ChartPanel("a", [new ChartSeries([1, 2], Rgb.Blue)])]);
        var two = LineChart.Render(
        [
            new ChartPanel("a", [new ChartSeries([1, 2], Rgb.Blue)]),
            new ChartPanel("b", [new ChartSeries([double.NaN, double.NaN], Rgb.Red)]),
        ]);

        Assert.True(two.Width > 2 * one.Width - 100);
        Assert.Equal(one.Height, two.Height);
        Assert.Empty(RedPixels(two));
        Assert.Throws<ArgumentException>(() => LineChart.Render([]));
    }

    private static List<(int X, int Y)> RedPixels(Image<byte> chart)
    {
        var found = new List<(int, int)>();
        for (var y = 0; y < chart.Height; y++)
        {
            for (var x = 0; x < chart.Width; x++)
            {
                var i = 3 * ((y * chart.Width) + x);
                if (chart.Pixels[i] == 255 && chart.Pixels[i + 1] == 0 && chart.Pixels[i + 2] == 0)
                {
                    found.Add((x, y));
                }
            }
        }

        return found;
    }
}
