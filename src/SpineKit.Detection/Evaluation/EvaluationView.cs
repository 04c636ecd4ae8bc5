using System.Numerics;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Training;
using SpineKit.Imaging;
using SpineKit.Imaging.Transforms;

namespace SpineKit.Detection.Evaluation;

/// <summary>How an evaluation film is shown to the detector: as labelled, or made to look like another field of view.</summary>
public enum EvaluationView
{
    /// <summary>The film as it is (challenge framing: T1 near the top, L5 near the bottom).</summary>
    Usual,

    /// <summary>The spine at its own resolution on a canvas of twice the area, the rest a real full-spine film's surroundings.</summary>
    ZoomOut2,

    /// <summary>The same on three times the area.</summary>
    ZoomOut3,

    /// <summary>Only T12 down: the rows from the disc above T12 to the bottom.</summary>
    LumbarOnly,

    /// <summary>Only T1 to T12: the rows from the top to the disc below T12.</summary>
    ThoracicOnly,
}

/// <summary>Builds the films and truths of an <see cref="EvaluationView"/> from a labelled film.</summary>
public static class EvaluationViews
{
    /// <summary>Parses a view name as the CLI spells it (<c>usual</c>, <c>zoom2</c>, <c>zoom3</c>, <c>lumbar</c>, <c>thoracic</c>).</summary>
    /// <exception cref="FormatException">Another name.</exception>
    public static EvaluationView Parse(string name) => name.ToLowerInvariant() switch
    {
        "usual" => EvaluationView.Usual,
        "zoom2" => EvaluationView.ZoomOut2,
        "zoom3" => EvaluationView.ZoomOut3,
        "lumbar" => EvaluationView.LumbarOnly,
        "thoracic" => EvaluationView.ThoracicOnly,
        _ => throw new FormatException($"--view takes usual, zoom2, zoom3, lumbar or thoracic, not '{name}'."),
    };

    /// <summary>The CLI name of <paramref name="view"/>.</summary>
    public static string Name(EvaluationView view) => view switch
    {
        EvaluationView.ZoomOut2 => "zoom2",
        EvaluationView.ZoomOut3 => "zoom3",
        EvaluationView.LumbarOnly => "lumbar",
        EvaluationView.ThoracicOnly => "thoracic",
        _ => "usual",
    };

    /// <summary>Whether the view needs surroundings (a <see cref="FullSpineDataset"/>).</summary>
    public static bool NeedsSurroundings(EvaluationView view) => view is EvaluationView.ZoomOut2 or EvaluationView.ZoomOut3;

    /// <summary>
    /// The view of one film: the image the detector sees and the truth in its pixels (levels outside the
    /// view removed). <paramref name="host"/> (a full-spine film, any size) gives the surroundings of the
    /// zoomed-out views; it is resized to the canvas.
    /// </summary>
    public static (Image<float> Image, LandmarkSet Truth) Make(EvaluationView view, Image<float> grey, LandmarkSet truth, FullSpineFilm? host = null)
    {
        ArgumentNullException.ThrowIfNull(grey);
        ArgumentNullException.ThrowIfNull(truth);
        switch (view)
        {
            case EvaluationView.Usual:
                return (grey, truth);
            case EvaluationView.ZoomOut2:
            case EvaluationView.ZoomOut3:
                return ZoomOut(grey, truth, view == EvaluationView.ZoomOut2 ? 2 : 3, host ?? throw new ArgumentNullException(nameof(host), "Zoomed-out views need a full-spine film for the surroundings."));
            case EvaluationView.LumbarOnly:
            case EvaluationView.ThoracicOnly:
                return CutAtT12(grey, truth, lumbar: view == EvaluationView.LumbarOnly);
            default:
                throw new ArgumentOutOfRangeException(nameof(view));
        }
    }

    private static (Image<float>, LandmarkSet) ZoomOut(Image<float> grey, LandmarkSet truth, double area, FullSpineFilm host)
    {
        var side = Math.Sqrt(area);
        int width = (int)Math.Round(grey.Width * side), height = (int)Math.Round(grey.Height * side);
        var hostGrey = ImageReader.Read(host.ImagePath).ToGrayscale();
        double sx = (double)width / hostGrey.Width, sy = (double)height / hostGrey.Height;
        var canvas = Resize.Apply(hostGrey, width, height, ResizeMode.Bilinear);
        var boxes = host.Boxes.Select(b => new BodyBox(b.XMin * sx, b.YMin * sy, b.XMax * sx, b.YMax * sy)).ToArray();
        var points = truth.Vertebrae.SelectMany(v => v.CornerArray()).Select(p => new Vector2((float)p.X, (float)p.Y)).ToArray();

        // Seeded by the film's name: the same view every run.
        var random = new Random(StableHash(truth.ImageName ?? string.Empty));
        var image = FieldOfViewAugmenter.Transplant(grey, points, (canvas, boxes), random, fixedScale: 1.0, maxBlur: 6);
        var moved = truth.Vertebrae.Select((v, i) => Vertebra.FromCorners(v.Level, [.. points.Skip(4 * i).Take(4).Select(p => new Point2(p.X, p.Y))], v.Confidence));
        return (image, new LandmarkSet(new ImageSize(width, height), moved, null, truth.ImageName));
    }

    private static (Image<float>, LandmarkSet) CutAtT12(Image<float> grey, LandmarkSet truth, bool lumbar)
    {
        var t11 = truth.Find(VertebraLevel.T11) ?? throw new InvalidDataException("The film has no T11 label to cut at.");
        var t12 = truth.Find(VertebraLevel.T12) ?? throw new InvalidDataException("The film has no T12 label to cut at.");
        var l1 = truth.Find(VertebraLevel.L1) ?? throw new InvalidDataException("The film has no L1 label to cut at.");
        static double Bottom(Vertebra v) => v.CornerArray().Skip(2).Max(p => p.Y);
        static double Top(Vertebra v) => v.CornerArray().Take(2).Min(p => p.Y);
        int from, to;
        if (lumbar)
        {
            from = (int)Math.Round((Bottom(t11) + Top(t12)) / 2);
            to = grey.Height;
        }
        else
        {
            from = 0;
            to = (int)Math.Round((Bottom(t12) + Top(l1)) / 2);
        }

        from = Math.Clamp(from, 0, grey.Height - 2);
        to = Math.Clamp(to, from + 2, grey.Height);
        var image = new Image<float>(grey.Width, to - from);
        grey.Pixels.AsSpan(from * grey.Width, (to - from) * grey.Width).CopyTo(image.Pixels);
        var kept = truth.Vertebrae
            .Where(v => v.Center.Y >= from && v.Center.Y < to)
            .Select(v => Vertebra.FromCorners(v.Level, [.. v.CornerArray().Select(p => new Point2(p.X, p.Y - from))], v.Confidence));
        return (image, new LandmarkSet(new ImageSize(grey.Width, to - from), kept, truth.Spacing, truth.ImageName));
    }

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
