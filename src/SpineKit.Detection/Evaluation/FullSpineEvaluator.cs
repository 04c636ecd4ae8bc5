using System.Numerics;
using SpineKit.Detection.Inference;
using SpineKit.Imaging;

namespace SpineKit.Detection.Evaluation;

/// <summary>
/// Checks that a detector stays on the spine of real full-spine films that have vertebral-body boxes but no
/// level names (<see cref="FullSpineDataset"/>): the share of predicted centres inside a box, of boxes hit,
/// of centres inside the spine corridor, and the films with any vertebra outside it (in the skull,
/// shoulders, arms or pelvis).
/// </summary>
public static class FullSpineEvaluator
{
    /// <summary>Runs <paramref name="detector"/> on <paramref name="films"/>; a film that cannot be read or has no spine found is counted, not fatal.</summary>
    public static FullSpineSummary Evaluate(LandmarkDetector detector, IReadOnlyList<FullSpineFilm> films, IProgress<(int Done, int Total)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(films);
        var results = new List<FullSpineResult>();
        foreach (var film in films)
        {
            try
            {
                var grey = ImageReader.Read(film.ImagePath).ToGrayscale();
                var prediction = detector.Detect(grey, imageName: film.Name);
                var centres = prediction.Landmarks.Vertebrae.Select(v => new Vector2((float)v.Center.X, (float)v.Center.Y)).ToArray();
                var inBox = centres.Count(c => film.Boxes.Any(b => b.Contains(c.X, c.Y)));
                var boxesHit = film.Boxes.Count(b => centres.Any(c => b.Contains(c.X, c.Y)));
                var inCorridor = centres.Count(c => film.InCorridor(c.X, c.Y));
                results.Add(new FullSpineResult(film, prediction, centres.Length, inBox, boxesHit, inCorridor, null));
            }
            catch (Exception exception) when (exception is ImageFormatException or IOException or InvalidDataException or NoSpineFoundException)
            {
                results.Add(new FullSpineResult(film, null, 0, 0, 0, 0, exception.Message));
            }

            progress?.Report((results.Count, films.Count));
        }

        var scored = results.Where(r => r.Prediction is not null).ToList();
        double Share(Func<FullSpineResult, int> part, Func<FullSpineResult, int> whole) =>
            scored.Sum(whole) == 0 ? double.NaN : 100.0 * scored.Sum(part) / scored.Sum(whole);
        return new FullSpineSummary(
            results,
            Share(r => r.InBox, r => r.Predicted),
            Share(r => r.BoxesHit, r => r.Film.Boxes.Count),
            Share(r => r.InCorridor, r => r.Predicted),
            scored.Count(r => r.InCorridor < r.Predicted),
            results.Count - scored.Count);
    }
}

/// <summary>One film's figures.</summary>
/// <param name="Film">The film and its boxes.</param>
/// <param name="Prediction">The detector's result; null when it failed.</param>
/// <param name="Predicted">Vertebrae reported.</param>
/// <param name="InBox">Of those, centres inside a labelled box.</param>
/// <param name="BoxesHit">Boxes with at least one predicted centre inside.</param>
/// <param name="InCorridor">Centres inside the spine corridor.</param>
/// <param name="Error">Why the film failed, if it did.</param>
public sealed record FullSpineResult(FullSpineFilm Film, LandmarkPrediction? Prediction, int Predicted, int InBox, int BoxesHit, int InCorridor, string? Error);

/// <summary>The figures over all films.</summary>
/// <param name="Films">Per film.</param>
/// <param name="CentersInBoxPercent">Predicted centres inside a labelled box, % of all predicted.</param>
/// <param name="BoxesHitPercent">Boxes with a predicted centre inside, % of all boxes.</param>
/// <param name="CentersInCorridorPercent">Predicted centres inside the spine corridor, % of all predicted.</param>
/// <param name="FilmsWithOutsidePredictions">Films with at least one vertebra outside the corridor.</param>
/// <param name="FailedFilms">Films that could not be analysed (unreadable, no spine found).</param>
public sealed record FullSpineSummary(IReadOnlyList<FullSpineResult> Films, double CentersInBoxPercent, double BoxesHitPercent, double CentersInCorridorPercent, int FilmsWithOutsidePredictions, int FailedFilms);
