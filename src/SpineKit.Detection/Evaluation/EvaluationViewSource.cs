using SpineKit.Anatomy;

namespace SpineKit.Detection.Evaluation;

/// <summary>
/// What a cut or zoomed-out view of a labelled film is made from besides the file, so it can be made again
/// (<see cref="EvaluationViews.Make"/>) rather than kept in memory.
/// </summary>
/// <param name="View">The field of view.</param>
/// <param name="Labels">The film's labels in its own pixels (the cuts are placed by them).</param>
/// <param name="Host">The full-spine film whose surroundings a zoomed-out view shows, or null.</param>
public sealed record EvaluationViewSource(EvaluationView View, LandmarkSet Labels, FullSpineFilm? Host);
