using System.Globalization;
using SpineKit.Detection.Preprocessing;
using SpineKit.Imaging;

namespace SpineKit.Detection.Evaluation;

/// <summary>
/// A folder of full-field-of-view films with vertebral-body boxes but no level names
/// (<c>images/</c> and <c>labels/boxes.csv</c> with <c>file,x_min,y_min,x_max,y_max</c>, one body a row, top to
/// bottom), as <c>fullspine-dev</c> is laid out. It serves two purposes: real surroundings (skull, neck,
/// shoulders, pelvis) for field-of-view augmentation, and the spine-corridor check of a detector.
/// </summary>
public sealed class FullSpineDataset
{
    private FullSpineDataset(string directory, IReadOnlyList<FullSpineFilm> films)
    {
        Directory = directory;
        Films = films;
    }

    /// <summary>The dataset folder.</summary>
    public string Directory { get; }

    /// <summary>Every film that has boxes and an image, in file-name order.</summary>
    public IReadOnlyList<FullSpineFilm> Films { get; }

    /// <summary>Seed of the half/half split into surroundings for training and films for evaluation.</summary>
    public const int SplitSeed = 2026;

    /// <summary>The films whose surroundings training may use (the seeded half that is not <see cref="EvaluationFilms"/>).</summary>
    public IReadOnlyList<FullSpineFilm> SurroundingFilms => [.. Films.Where(f => !EvaluationNames.Contains(f.Name))];

    /// <summary>The seeded half no training sees: the corridor figures are reported on it (and on all films).</summary>
    public IReadOnlyList<FullSpineFilm> EvaluationFilms => [.. Films.Where(f => EvaluationNames.Contains(f.Name))];

    private IReadOnlySet<string> EvaluationNames => Training.DatasetSplit.ValidationNames(Films.Select(f => f.Name), SplitSeed, 0.5);

    /// <summary>Reads <c>labels/boxes.csv</c> and checks that each named image exists; images are decoded on demand.</summary>
    /// <exception cref="FileNotFoundException">The folder has no <c>labels/boxes.csv</c>.</exception>
    /// <exception cref="InvalidDataException">A row is not five fields with four numbers.</exception>
    public static FullSpineDataset Load(string directory)
    {
        var labels = Path.Combine(directory, "labels", "boxes.csv");
        if (!File.Exists(labels))
        {
            throw new FileNotFoundException($"{directory} is not a full-spine box dataset: there is no labels/boxes.csv.", labels);
        }

        var boxes = new SortedDictionary<string, List<BodyBox>>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(labels))
        {
            lineNumber++;
            if (lineNumber == 1 || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var cells = line.Split(',');
            var numbers = cells.Skip(1).Select(c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray();
            if (cells.Length != 5 || numbers.Any(n => !double.IsFinite(n)) || numbers[2] <= numbers[0] || numbers[3] <= numbers[1])
            {
                throw new InvalidDataException($"{labels} line {lineNumber}: expected file,x_min,y_min,x_max,y_max with x_max > x_min and y_max > y_min.");
            }

            if (!boxes.TryGetValue(cells[0], out var list))
            {
                boxes[cells[0]] = list = [];
            }

            list.Add(new BodyBox(numbers[0], numbers[1], numbers[2], numbers[3]));
        }

        var films = boxes
            .Select(p => new FullSpineFilm(p.Key, Path.Combine(directory, "images", p.Key), [.. p.Value.OrderBy(b => b.CenterY)]))
            .Where(f => File.Exists(f.ImagePath))
            .ToList();
        return new FullSpineDataset(directory, films);
    }
}

/// <summary>One full-spine film and its body boxes (top to bottom), in its own pixels.</summary>
/// <param name="Name">The image file name.</param>
/// <param name="ImagePath">Where the image is.</param>
/// <param name="Boxes">Boxed bodies, top to bottom.</param>
public sealed record FullSpineFilm(string Name, string ImagePath, IReadOnlyList<BodyBox> Boxes)
{
    /// <summary>Whether (x, y) lies in the spine corridor: the union of the boxes grown by 50 % in width, extended two box heights above the highest and below the lowest box.</summary>
    public bool InCorridor(double x, double y)
    {
        for (var i = 0; i < Boxes.Count; i++)
        {
            var box = Boxes[i];
            var grow = box.Width * 0.25;
            var above = i == 0 ? 2 * box.Height : 0;
            var below = i == Boxes.Count - 1 ? 2 * box.Height : 0;
            if (x >= box.XMin - grow && x <= box.XMax + grow && y >= box.YMin - above && y <= box.YMax + below)
            {
                return true;
            }

            // Between two boxes the corridor runs on (the gap of a disc), at the wider of the two.
            if (i + 1 < Boxes.Count)
            {
                var next = Boxes[i + 1];
                var left = Math.Min(box.XMin - grow, next.XMin - (next.Width * 0.25));
                var right = Math.Max(box.XMax + grow, next.XMax + (next.Width * 0.25));
                if (y > box.YMax && y < next.YMin && x >= left && x <= right)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Decodes the film as grey in [0, 1], resized to the network input with the boxes mapped into it.</summary>
    public (Image<float> Image, BodyBox[] Boxes, int Width, int Height) LoadResized(int inputWidth, int inputHeight)
    {
        var grey = ImageReader.Read(ImagePath).ToGrayscale();
        double sx = (double)inputWidth / grey.Width, sy = (double)inputHeight / grey.Height;
        return (InputNormalizer.Resize(grey, inputWidth, inputHeight), [.. Boxes.Select(b => new BodyBox(b.XMin * sx, b.YMin * sy, b.XMax * sx, b.YMax * sy))], grey.Width, grey.Height);
    }
}

/// <summary>An axis-aligned box around one vertebral body, in pixels.</summary>
/// <param name="XMin">Left.</param>
/// <param name="YMin">Top.</param>
/// <param name="XMax">Right.</param>
/// <param name="YMax">Bottom.</param>
public readonly record struct BodyBox(double XMin, double YMin, double XMax, double YMax)
{
    /// <summary>Box width.</summary>
    public double Width => XMax - XMin;

    /// <summary>Box height.</summary>
    public double Height => YMax - YMin;

    /// <summary>Horizontal centre.</summary>
    public double CenterX => (XMin + XMax) / 2;

    /// <summary>Vertical centre.</summary>
    public double CenterY => (YMin + YMax) / 2;

    /// <summary>Whether (x, y) is inside the box.</summary>
    public bool Contains(double x, double y) => x >= XMin && x <= XMax && y >= YMin && y <= YMax;
}
