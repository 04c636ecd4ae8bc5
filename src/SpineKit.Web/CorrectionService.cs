using Microsoft.AspNetCore.Http;
using SpineKit.Anatomy;
using SpineKit.Detection.Codecs;
using SpineKit.Detection.Inference;
using SpineKit.Imaging;

namespace SpineKit.Web;

/// <summary>
/// What the endpoints ask of the library: open an image (prepare it once, predict automatically) and
/// re-predict it with the user's corrections. One refiner serves every session; the detector behind it
/// runs one network pass at a time, so concurrent requests queue rather than race.
/// </summary>
public sealed class CorrectionService
{
    /// <summary>Wraps a model that accepts corrections.</summary>
    public CorrectionService(LandmarkModel model, SpineKitServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Refiner = new InteractiveRefiner(new LandmarkDetector(model));
        Sessions = new SessionStore<CorrectionSession>(options.MaxSessions, options.IdleTimeout, options.Clock);
    }

    /// <summary>The server settings.</summary>
    public SpineKitServerOptions Options { get; }

    /// <summary>The refiner that makes every prediction.</summary>
    public InteractiveRefiner Refiner { get; }

    /// <summary>The open sessions.</summary>
    public SessionStore<CorrectionSession> Sessions { get; }

    /// <summary>Analyses a decoded image and opens a session for it.</summary>
    public (string Id, CorrectionSession Session) Open(RadiographImage image, string fileName)
    {
        ArgumentNullException.ThrowIfNull(image);
        var spacing = RadiographSpacing.Of(image);
        var prepared = Refiner.Prepare(image.ToGrayscale(), spacing, fileName);
        var initial = new CorrectionState([], Refiner.Refine(prepared, []));
        var spacingSource = spacing is null ? null : image.Metadata.PixelSpacingSource.ToString();
        var session = new CorrectionSession(fileName, spacingSource, prepared, image.RenderDisplay(), initial);
        return (Sessions.Add(session), session);
    }

    /// <summary>The live session with <paramref name="id"/>, or a 404 that says it may have expired.</summary>
    public CorrectionSession Find(string id) =>
        Sessions.TryGet(id, out var session)
            ? session
            : throw new ApiRequestException(
                StatusCodes.Status404NotFound,
                $"No open image with id '{id}': it never existed, or it was closed after {Options.IdleTimeout.TotalMinutes:0.#} minutes unused or to make room for newer ones. Open the file again.");

    /// <summary>Re-predicts with <paramref name="hints"/> and makes that the session's state.</summary>
    public CorrectionState Refine(CorrectionSession session, IReadOnlyList<CornerHint> hints)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(hints);
        var size = session.Prepared.Frame;
        var levels = VertebraLevels.Run(Refiner.Detector.Model.FirstLevel, Refiner.Detector.Model.LevelCount);
        foreach (var hint in hints)
        {
            if (!levels.Contains(hint.Level))
            {
                throw new ApiRequestException(
                    StatusCodes.Status400BadRequest,
                    $"The model finds {VertebraLevels.Name(levels[0])}..{VertebraLevels.Name(levels[^1])}; a correction on {VertebraLevels.Name(hint.Level)} cannot be applied.");
            }

            // A corner far outside the image is a client bug, not a correction; a little outside is allowed (edge vertebrae).
            if (hint.X < -size.OriginalWidth || hint.X > 2.0 * size.OriginalWidth || hint.Y < -size.OriginalHeight || hint.Y > 2.0 * size.OriginalHeight)
            {
                throw new ApiRequestException(
                    StatusCodes.Status400BadRequest,
                    $"The {Corners.Name(hint.Corner)} corner of {VertebraLevels.Name(hint.Level)} at ({hint.X:0.#}, {hint.Y:0.#}) is far outside the {size.OriginalWidth} x {size.OriginalHeight} image.");
            }
        }

        var state = new CorrectionState(hints, Refiner.Refine(session.Prepared, hints));
        session.State = state;
        return state;
    }
}
