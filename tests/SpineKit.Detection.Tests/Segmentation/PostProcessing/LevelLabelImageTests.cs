using System.Globalization;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Segmentation.Evaluation;
using SpineKit.Detection.Segmentation.PostProcessing;
using SpineKit.Imaging;
using SpineKit.Imaging.Formats.Png;
using SpineKit.TestSupport;

namespace SpineKit.Detection.Tests.Segmentation.PostProcessing;

public class LevelLabelImageTests
{
    // T1 (x 10..29, rows 10..19) and T2 (rows 24..33) as in the guide tests, plus a stray body far from both.
    private static (Image<byte> Mask, LandmarkSet Landmarks) SpineWithStray()
    {
        var landmarks = new LandmarkSet(new ImageSize(50, 50), [LandmarkGuideTests.Box(VertebraLevel.T1, 10, 10, 30, 20), LandmarkGuideTests.Box(VertebraLevel.L5, 10, 24, 30, 34)]);
        var mask = new LandmarkGuide(0, 0, CutGaps: false, InteriorInset: 0).Apply(new Image<byte>(50, 50), landmarks);
        for (var y = 44; y < 48; y++)
        {
            for (var x = 2; x < 5; x++)
            {
                mask[x, y] = 255;
            }
        }

        return (mask, landmarks);
    }

    [Fact]
    public void PixelsHoldTheLevelNumberAndUnknownBodiesTheMaximum()
    {
        var (mask, landmarks) = SpineWithStray();

        var labels = LevelLabelImage.Render(VertebraInstances.Split(mask, landmarks));

        Assert.Equal(16, labels.BitDepth);
        Assert.Equal(8, labels[15, 15]);
        Assert.Equal(25, labels[15, 30]);
        Assert.Equal(LevelLabelImage.UnknownLevel, labels[3, 45]);
        Assert.Equal(0, labels[40, 5]);
        Assert.Equal(200, labels.Pixels.Count(p => p == (ushort)VertebraLevel.T1));
        Assert.Equal(200, labels.Pixels.Count(p => p == (ushort)VertebraLevel.L5));
        Assert.Equal(12, labels.Pixels.Count(p => p == LevelLabelImage.UnknownLevel));
    }

    [Fact]
    public void TheLabelPngRoundTripsThroughOurDecoder()
    {
        var labels = Labels();

        var decoded = Assert.IsType<Image<ushort>>(PngDecoder.Decode(PngEncoder.Encode(labels)));

        Assert.Equal(labels.Pixels, decoded.Pixels);
        Assert.Equal((labels.Width, labels.Height, 1, 16), (decoded.Width, decoded.Height, decoded.Channels, decoded.BitDepth));
    }

    [Fact]
    public void TheLabelPngRoundTripsThroughPypngAndPassesPngcheck()
    {
        // Independent oracles: pypng (Debian's python3-png, a decoder of its own) reads every value back, and
        // pngcheck checks the chunks and CRCs and states the format.
        var labels = Labels();
        var path = Path.Combine(Path.GetTempPath(), $"spinekit-levels-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(path, PngEncoder.Encode(labels));
        try
        {
            var (checkCode, checkOutput) = Run("pngcheck", "pngcheck", "-v", path);
            Assert.True(checkCode == 0, checkOutput);
            Assert.Contains("16-bit grayscale", checkOutput, StringComparison.Ordinal);

            const string Script = "import sys, png\nw, h, rows, info = png.Reader(filename=sys.argv[1]).read()\n"
                + "print(w, h, info['bitdepth'], info['planes'], info['greyscale'])\nprint(' '.join(str(v) for row in rows for v in row))\n";
            // Debian's own interpreter: python3-png installs pypng for it, not for a python3 earlier on the PATH (pyenv).
            var (code, output) = Run("python3-png", "/usr/bin/python3", "-c", Script, path);
            Assert.True(code == 0, output);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal($"{labels.Width} {labels.Height} 16 1 True", lines[0].Trim());
            var values = lines[1].Split(' ').Select(v => ushort.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(labels.Pixels, values);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LabelledQuadrilateralsCarryTheirLevels()
    {
        var (_, landmarks) = SpineWithStray();

        var truth = LevelLabelImage.Render(landmarks);

        Assert.Equal(8, truth[10, 10]);
        Assert.Equal(25, truth[29, 33]);
        Assert.Equal(0, truth[20, 21]);
        Assert.Equal(400, truth.Pixels.Count(p => p != 0));
    }

    [Fact]
    public void LevelDiceIsMeasuredPerLevelOfTheTruth()
    {
        var (mask, landmarks) = SpineWithStray();
        var truth = LevelLabelImage.Render(landmarks);

        // The prediction names T1 correctly, calls the lower body L4 (not L5) and grows T1 by one row.
        var predicted = LevelLabelImage.Render(VertebraInstances.Split(mask, landmarks));
        for (var i = 0; i < predicted.Pixels.Length; i++)
        {
            predicted.Pixels[i] = predicted.Pixels[i] == (ushort)VertebraLevel.L5 ? (ushort)VertebraLevel.L4 : predicted.Pixels[i];
        }

        for (var x = 10; x < 30; x++)
        {
            predicted[x, 20] = (ushort)VertebraLevel.T1;
        }

        var dice = LevelDice.Measure(predicted.Pixels, truth.Pixels);

        Assert.Equal([VertebraLevel.T1, VertebraLevel.L5], dice.Keys);
        Assert.Equal(2.0 * 200 / (220 + 200), dice[VertebraLevel.T1], 12);
        Assert.Equal(0, dice[VertebraLevel.L5]);
    }

    [Fact]
    public void MatchedLevelDiceIgnoresTheNames()
    {
        var (mask, landmarks) = SpineWithStray();
        var truth = LevelLabelImage.Render(landmarks);

        // Named one level off: the instances carry T2 and L6, the truth T1 and L5; the outlines are exact.
        var shifted = new LandmarkSet(landmarks.Size, landmarks.Vertebrae.Select(v => v.WithLevel(v.Level + 1)));
        var instances = VertebraInstances.Split(mask, shifted);

        var named = LevelDice.Measure(LevelLabelImage.Render(instances).Pixels, truth.Pixels);
        var matched = LevelDice.MeasureMatched(instances.Labels, truth.Pixels);

        Assert.All(named.Values, d => Assert.Equal(0, d));
        Assert.Equal([VertebraLevel.T1, VertebraLevel.L5], matched.Keys);
        Assert.All(matched.Values, d => Assert.Equal(1, d, 12));
    }

    private static Image<ushort> Labels()
    {
        var (mask, landmarks) = SpineWithStray();
        return LevelLabelImage.Render(VertebraInstances.Split(mask, landmarks));
    }

    private static (int ExitCode, string Output) Run(string package, string tool, params string[] arguments)
    {
        var (exitCode, output, error) = ExternalTools.Run("PNG oracle", package, tool, arguments);

        // A python3 without pypng fails on the import: say which package is missing.
        var text = output + error;
        return text.Contains("No module named 'png'", StringComparison.Ordinal)
            ? throw new InvalidOperationException($"The PNG oracle pypng is not installed: apt-get install -y {package} (CI's .ci/run installs it).")
            : (exitCode, text);
    }
}
