using SpineKit.Detection.Evaluation;

namespace SpineKit.Detection.Tests.Evaluation;

public sealed class FullSpineDatasetTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("spinekit-fullspine-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static FullSpineFilm Film() => new("f.jpg", "f.jpg", [new BodyBox(40, 100, 60, 110), new BodyBox(42, 115, 62, 125), new BodyBox(44, 130, 64, 140)]);

    [Theory]
    [InlineData(50, 105, true)] // inside a box
    [InlineData(36, 105, true)] // within the 50 % wider corridor (40 - 5)
    [InlineData(34, 105, false)] // beyond it
    [InlineData(52, 112, true)] // in the disc between two boxes
    [InlineData(50, 81, true)] // two box heights above the highest box
    [InlineData(50, 79, false)] // beyond that: the skull
    [InlineData(54, 159, true)] // two box heights below the lowest
    [InlineData(54, 161, false)] // the pelvis
    public void TheCorridorIsTheGrownBoxesExtendedTwoHeightsAtTheEnds(double x, double y, bool inside) =>
        Assert.Equal(inside, Film().InCorridor(x, y));

    [Fact]
    public void LoadsBoxesTopToBottomAndSplitsTheFilmsInTwoSeededHalves()
    {
        Directory.CreateDirectory(Path.Combine(_root, "images"));
        Directory.CreateDirectory(Path.Combine(_root, "labels"));
        var rows = new List<string> { "file,x_min,y_min,x_max,y_max" };
        for (var i = 0; i < 20; i++)
        {
            File.WriteAllBytes(Path.Combine(_root, "images", $"n{i}.jpg"), [0xFF]);
            rows.Add($"n{i}.jpg,10,50,20,60");
            rows.Add($"n{i}.jpg,10,20,20,30");
        }

        rows.Add("missing.jpg,1,2,3,4");
        File.WriteAllLines(Path.Combine(_root, "labels", "boxes.csv"), rows);

        var dataset = FullSpineDataset.Load(_root);

        Assert.Equal(20, dataset.Films.Count);
        Assert.All(dataset.Films, f => Assert.True(f.Boxes[0].YMin < f.Boxes[1].YMin));
        Assert.Equal(10, dataset.EvaluationFilms.Count);
        Assert.Empty(dataset.EvaluationFilms.Select(f => f.Name).Intersect(dataset.SurroundingFilms.Select(f => f.Name)));
        Assert.Equal(dataset.EvaluationFilms.Select(f => f.Name), FullSpineDataset.Load(_root).EvaluationFilms.Select(f => f.Name));
    }

    [Fact]
    public void ABadRowNamesItsLine()
    {
        Directory.CreateDirectory(Path.Combine(_root, "labels"));
        File.WriteAllLines(Path.Combine(_root, "labels", "boxes.csv"), ["file,x_min,y_min,x_max,y_max", "a.jpg,1,2,3,4", "a.jpg,5,6,1,1"]);

        var error = Assert.Throws<InvalidDataException>(() => FullSpineDataset.Load(_root));

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => FullSpineDataset.Load(Path.Combine(_root, "nothing")));
    }
}
