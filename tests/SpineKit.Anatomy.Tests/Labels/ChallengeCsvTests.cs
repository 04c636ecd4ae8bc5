using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Geometry;
using SpineKit.Anatomy.Labels;

namespace SpineKit.Anatomy.Tests.Labels;

public class ChallengeCsvTests
{
    private static string Row(int vertebrae, double offset = 0)
    {
        var xs = Enumerable.Range(0, 4 * vertebrae).Select(i => (0.4 + (i % 2 * 0.1) + offset).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        var ys = Enumerable.Range(0, 4 * vertebrae).Select(i => (0.05 + (i * 0.01)).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        return string.Join(",", xs.Concat(ys));
    }

    [Fact]
    public void LandmarkRowsAreXsThenYs()
    {
        var rows = ChallengeCsv.ReadLandmarks(new StringReader(Row(2) + "\r\n" + Row(2, 0.01) + "\n\n"));

        Assert.Equal(2, rows.Count);
        Assert.Equal(8, rows[0].Length);
        Assert.Equal(0.5, rows[0][1].X, 1e-12);
        Assert.Equal(0.06, rows[0][1].Y, 1e-12);
        Assert.Equal(0.51, rows[1][7].X, 1e-12);
        Assert.Equal(0.12, rows[1][7].Y, 1e-12);
    }

    [Fact]
    public void RoundTripKeepsEveryBit()
    {
        var original = ChallengeCsv.ReadLandmarks(new StringReader(Row(17)));
        var writer = new StringWriter();
        ChallengeCsv.WriteLandmarks(writer, original);

        var again = ChallengeCsv.ReadLandmarks(new StringReader(writer.ToString()));

        Assert.Equal(original[0], again[0]);

        var angles = new[] { new AngleTriple(41.139, 14.63, 1.0 / 3) };
        var angleWriter = new StringWriter();
        ChallengeCsv.WriteAngles(angleWriter, angles);
        Assert.Equal(angles, ChallengeCsv.ReadAngles(new StringReader(angleWriter.ToString())));
    }

    [Fact]
    public void PixelConversionUsesWidthForXAndHeightForY()
    {
        var row = ChallengeCsv.ReadLandmarks(new StringReader(Row(2)))[0];

        var set = ChallengeCsv.ToLandmarkSet(row, new ImageSize(1000, 2000), VertebraLevel.L4, "a.jpg");

        Assert.Equal([VertebraLevel.L4, VertebraLevel.L5], set.Vertebrae.Select(v => v.Level));
        Assert.Equal(500, set.Vertebrae[0].TopRight.X, 1e-9);
        Assert.Equal(120, set.Vertebrae[0].TopRight.Y, 1e-9);
        Assert.All(row.Zip(ChallengeCsv.ToNormalized(set)), pair => Assert.Equal(0, Point2.Distance(pair.First, pair.Second), 1e-12));
    }

    [Theory]
    [InlineData("0.1,0.2,abc", 1, 3, "'abc' is not a number")]
    [InlineData("0.1,,0.3", 1, 2, "empty")]
    [InlineData("1,2,3\n4,5,NaN", 2, 3, "not a finite number")]
    public void AngleErrorsNameTheLineAndColumn(string text, int line, int column, string fragment)
    {
        var error = Assert.Throws<LabelFormatException>(() => ChallengeCsv.ReadAngles(new StringReader(text), "angles.csv"));

        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(fragment, error.Message);
        Assert.StartsWith("angles.csv at line", error.Message);
    }

    [Fact]
    public void LandmarkCountErrors()
    {
        var tooFew = Assert.Throws<LabelFormatException>(() => ChallengeCsv.ReadLandmarks(new StringReader("0.1,0.2,0.3")));
        Assert.Contains("at least 2 vertebrae", tooFew.Message);

        var odd = Assert.Throws<LabelFormatException>(() => ChallengeCsv.ReadLandmarks(new StringReader(Row(2) + ",0.5")));
        Assert.Contains("8 numbers per vertebra", odd.Message);

        var tooMany = ChallengeCsv.ReadLandmarks(new StringReader(Row(3)))[0];
        Assert.Throws<LabelFormatException>(() => ChallengeCsv.ToLandmarkSet(tooMany, new Geometry.ImageSize(10, 10), VertebraLevel.L5));
        Assert.Equal(VertebraLevel.S1, ChallengeCsv.ToLandmarkSet(tooMany, new Geometry.ImageSize(10, 10), VertebraLevel.L4).Vertebrae[^1].Level);

        var ragged = Assert.Throws<LabelFormatException>(() => ChallengeCsv.ReadLandmarks(new StringReader(Row(2) + "\n" + Row(3))));
        Assert.Equal(2, ragged.Line);

        Assert.Equal(2, Assert.Throws<LabelFormatException>(() => ChallengeCsv.ReadAngles(new StringReader("1,2,3\n1,2"))).Line);
    }

    [Fact]
    public void FilenamesRejectPathsAndUnquote()
    {
        Assert.Equal(["a b.jpg", "c.jpg"], ChallengeCsv.ReadFilenames(new StringReader("a b.jpg\n\"c.jpg\"\n")));
        Assert.Throws<LabelFormatException>(() => ChallengeCsv.ReadFilenames(new StringReader("../etc/passwd")));
    }

    [Fact]
    public void EndlessLineIsRejectedWithoutReadingItAll()
    {
        var endless = new string('1', 200_000);
        var error = Assert.Throws<LabelFormatException>(() => ChallengeCsv.ReadAngles(new StringReader(endless)));
        Assert.Contains("longer than", error.Message);
    }

    [Fact]
    public void DatasetFolderRoundTrip()
    {
        var folder = Directory.CreateTempSubdirectory("spinekit-anatomy-");
        try
        {
            var corners = ChallengeCsv.ReadLandmarks(new StringReader(Row(17)))[0];
            ChallengeEntry[] entries = [new("a.jpg", corners, new AngleTriple(1, 2, 3)), new("b.jpg", corners, new AngleTriple(4, 5, 6))];
            var labels = Path.Combine(folder.FullName, "labels");
            ChallengeDataset.Write(labels, entries);
            Directory.CreateDirectory(Path.Combine(folder.FullName, "images"));

            var loaded = ChallengeDataset.Load(folder.FullName);

            Assert.True(loaded.HasAngles);
            Assert.Equal(entries.Select(e => e.FileName), loaded.Entries.Select(e => e.FileName));
            Assert.Equal(new AngleTriple(4, 5, 6), loaded.Entries[1].Angles);
            Assert.Equal(Path.Combine(folder.FullName, "images", "b.jpg"), loaded.ImagePath(loaded.Entries[1]));

            File.WriteAllText(Path.Combine(labels, ChallengeDataset.AnglesFile), "1,2,3\n");
            var mismatch = Assert.Throws<LabelFormatException>(() => ChallengeDataset.Load(labels));
            Assert.Contains("1 rows, but filenames.csv lists 2 images", mismatch.Message);

            File.Delete(Path.Combine(labels, ChallengeDataset.LandmarksFile));
            Assert.Throws<LabelFormatException>(() => ChallengeDataset.Load(folder.FullName));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
