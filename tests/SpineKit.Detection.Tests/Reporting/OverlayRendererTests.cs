using SpineKit.Detection.Inference;
using SpineKit.Detection.Reporting;
using SpineKit.Imaging;
using SpineKit.TestSupport;

namespace SpineKit.Detection.Tests.Reporting;

/// <summary>The overlay of the bundled sample (shipped model): legible text, placed where it belongs, actually drawn.</summary>
public sealed class OverlayRendererTests
{
    private static readonly Lazy<(Image<byte> Display, LandmarkDetector Detector)> Sample = new(() =>
        (ImageReader.Read(RepositoryFiles.Sample).RenderDisplay(), new LandmarkDetector(LandmarkModel.Load(RepositoryFiles.Model))));

    [Fact]
    public void TheSampleOverlayCarriesLegibleTextWhereTheLayoutPutIt()
    {
        var (display, detector) = Sample.Value;
        var prediction = detector.Detect(ToGrey(display), imageName: "ap-radiograph.jpg");

        var overlay = OverlayRenderer.Render(display, prediction);
        var layout = OverlayLayout.Plan(display.Width, display.Height, prediction);

        // Capitals 1.5-2 % of the film's height (a narrow film caps them at a twentieth of its width), so at 25 % zoom
        // the curve labels are still about 9 pixels tall.
        Assert.InRange(layout.TextHeight / display.Height, 0.015, 0.02);
        Assert.True(layout.TextHeight * 0.25 >= 9, $"curve labels {layout.TextHeight:0.0} px tall");

        var texts = layout.Labels.Select(l => l.Text).ToList();
        Assert.Contains("Research use only", texts);
        Assert.Contains(texts, t => t.StartsWith("AASCE challenge\n", StringComparison.Ordinal) && t.Contains('\u00b0', StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("deg", StringComparison.Ordinal));
        foreach (var curve in prediction.Cobb.Clinical.Curves)
        {
            Assert.Contains(texts, t => t.StartsWith(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{curve.CobbAngle:0.0}\u00b0\n"), StringComparison.Ordinal));
        }

        foreach (var label in layout.Labels)
        {
            var box = label.Box;
            Assert.True(box.Left >= 0 && box.Top >= 0 && box.Left + box.Width <= display.Width && box.Top + box.Height <= display.Height, $"'{label.Text}' at {box} leaves the film");

            // The picture itself: inside the label's box, text-coloured ink and its dark halo were drawn on the film.
            var (ink, dark) = (0, 0);
            for (var y = (int)box.Top; y < (int)(box.Top + box.Height); y++)
            {
                for (var x = (int)box.Left; x < (int)(box.Left + box.Width); x++)
                {
                    var (r, g, b) = (overlay[x, y, 0], overlay[x, y, 1], overlay[x, y, 2]);
                    ink += (r, g, b) == (label.Color.R, label.Color.G, label.Color.B) ? 1 : 0;
                    dark += r + 40 < display[x, y] && g + 40 < display[x, y] ? 1 : 0;
                }
            }

            Assert.True(ink > 10 * label.Text.Length && dark > 0, $"'{label.Text}': {ink} ink and {dark} halo pixels in its box");
        }

        // Curve labels stand beside the spine, never over a vertebra.
        var curveLabels = layout.Labels.Where(l => l.Text.Contains('\u00b0', StringComparison.Ordinal) && !l.Text.StartsWith("AASCE", StringComparison.Ordinal)).ToList();
        Assert.Equal(prediction.Cobb.Clinical.Curves.Count, curveLabels.Count);
        foreach (var label in curveLabels)
        {
            foreach (var vertebra in prediction.Landmarks.Vertebrae)
            {
                var corners = vertebra.CornerArray();
                var apart = label.Box.Left > corners.Max(c => c.X) || label.Box.Left + label.Box.Width < corners.Min(c => c.X)
                    || label.Box.Top > corners.Max(c => c.Y) || label.Box.Top + label.Box.Height < corners.Min(c => c.Y);
                Assert.True(apart, $"'{label.Text}' covers {vertebra.Level}");
            }
        }

        Assert.Null(layout.ScaleBar); // the JPEG states no pixel spacing
    }

    [Fact]
    public void AKnownPixelSpacingAddsAScaleBarOfARoundLength()
    {
        var (display, detector) = Sample.Value;
        var prediction = detector.Detect(ToGrey(display), new Anatomy.Geometry.PixelSpacing(0.2, 0.2), imageName: "ap-radiograph.jpg");

        var layout = OverlayLayout.Plan(display.Width, display.Height, prediction);
        var overlay = OverlayRenderer.Render(display, prediction);

        var bar = Assert.IsType<OverlayScaleBar>(layout.ScaleBar);
        Assert.Equal(20, bar.Millimetres); // 50 mm would be 250 px, more than 30 % of the 755 px width
        Assert.Equal(20 / 0.2, bar.To.X - bar.From.X, 3);
        Assert.Contains(layout.Labels, l => l.Text == "20 mm");
        var middle = overlay[(int)((bar.From.X + bar.To.X) / 2), (int)bar.From.Y, 0];
        Assert.Equal(255, middle);
    }

    [Fact]
    public void APartialViewSaysWhyItHasNoChallengeAngles()
    {
        // The lower 40 % of the sample, seen by the two-stage detector as a lumbar view.
        var (display, _) = Sample.Value;
        var top = display.Height * 6 / 10;
        var lumbar = new Image<byte>(display.Width, display.Height - top, 1, display.Pixels[(top * display.Width)..]);
        var detector = new LandmarkDetector(LandmarkModel.Load(RepositoryFiles.Model), LandmarkModel.Load(RepositoryFiles.LocatorModel));
        var prediction = detector.Detect(ToGrey(lumbar), imageName: "lumbar.png");
        Assert.Null(prediction.Cobb.Challenge);

        var texts = OverlayLayout.Plan(lumbar.Width, lumbar.Height, prediction).Labels.Select(l => l.Text).ToList();

        Assert.Contains(texts, t => t.StartsWith("Partial view:\nno AASCE angles", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("AASCE challenge", StringComparison.Ordinal));
        Assert.Contains("Research use only", texts);
    }

    private static Image<float> ToGrey(Image<byte> display) => Imaging.Transforms.ImageConversion.ToFloat(display);
}
