using Microsoft.AspNetCore.Http;
using SpineKit.Anatomy.Clinical;
using SpineKit.Detection.Codecs;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Reporting;
using SpineKit.Imaging;

namespace SpineKit.Web;

/// <summary>
/// What the endpoints ask of the library: open an image (prepare it once, predict automatically) and
/// re-predict it with the user's corrections. One refiner serves every session; the detector behind it
/// runs one network pass at a time, so concurrent requests queue rather than race.
/// </summary>
public sealed class CorrectionService
{
    /// <summary>
    /// Wraps a detector whose corner model accepts corrections; with a locator (and level classifier) every image is
    /// first analysed by all its stages, as <c>spinekit analyze</c> does.
    /// </summary>
    public CorrectionService(LandmarkDetector detector, SpineKitServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(detector);
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Refiner = new InteractiveRefiner(detector);
        Sessions = new SessionStore<CorrectionSession>(options.MaxSessions, options.MaxSessionBytes, options.IdleTimeout, options.EvictionGrace, options.Clock);
    }

    /// <summary>The server settings.</summary>
    public SpineKitServerOptions Options { get; }

    /// <summary>The refiner that makes every prediction.</summary>
    public InteractiveRefiner Refiner { get; }

    /// <summary>The open sessions.</summary>
    public SessionStore<CorrectionSession> Sessions { get; }

    /// <summary>
    /// Reserves memory for opening an image with this header (see <see cref="SessionStore{TSession}"/> for the
    /// policy): a 413 if it could never fit the budget, a 503 with Retry-After if it does not fit now.
    /// </summary>
    public SessionReservation Reserve(RadiographMetadata header, long uploadBytes)
    {
        var bytes = SessionCost.Decoding(header, uploadBytes, Refiner.Detector.Model.Config, Refiner.Detector.Refiner is not null);
        if (bytes > Options.MaxSessionBytes)
        {
            throw new ApiRequestException(
                StatusCodes.Status413PayloadTooLarge,
                $"The image is {header.Width} x {header.Height} pixels; decoding it would take about {bytes / (1024.0 * 1024.0):0} MiB, more than this server's memory budget of {Options.MaxSessionBytes / (1024.0 * 1024.0):0} MiB.");
        }

        return Sessions.TryReserve(bytes, out var retryAfter) ?? throw new ApiRequestException(
            StatusCodes.Status503ServiceUnavailable,
            "The server is holding as many images as its memory allows, all of them in use; try again shortly.")
        {
            RetryAfter = retryAfter,
        };
    }

    /// <summary>Analyses a decoded image and opens a session for it in the room <paramref name="reservation"/> holds.</summary>
    public (string Id, CorrectionSession Session) Open(RadiographImage image, string fileName, SessionReservation reservation, string? imageSha256 = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(reservation);

        // The same film check as the command line: another modality or body part, a lateral view or a tiny image is
        // refused before the network runs; doubts travel with the session into its analysis.
        var film = SpineFilmGate.FromMetadata(image.Metadata);
        if (film.Refused && !Options.MeasureRefusedFilms)
        {
            throw new ApiRequestException(StatusCodes.Status422UnprocessableEntity, $"This image is not measured: {string.Join("; ", film.Reasons)}.");
        }

        var spacing = RadiographSpacing.Of(image);
        var prepared = Refiner.Prepare(image.ToGrayscale(), spacing, fileName);
        var initial = new CorrectionState([], Refiner.Refine(prepared, []));
        var spacingSource = spacing is null ? null : image.Metadata.PixelSpacingSource.ToString();
        if (!PredictionCheck.IsServable(initial.Prediction, fileName, spacingSource))
        {
            throw new ApiRequestException(StatusCodes.Status422UnprocessableEntity, "No measurable spine was found on this image.");
        }

        var session = new CorrectionSession(fileName, spacingSource, prepared, image.RenderDisplay(), initial) { Film = film, ImageSha256 = imageSha256, Models = Detection.Reporting.AnalysisProvenance.ModelsOf(Refiner.Detector), Dicom = DicomInstance.Of(image.Metadata), Orientation = ImageOrientation.Parse(image.Metadata.PatientOrientation), Modality = ModalityDisplay.Of(image) };
        return (Sessions.Add(session, reservation, SessionCost.Resident(image.Metadata, Refiner.Detector.Model.Config, Refiner.Detector.Refiner is not null)), session);
    }

    /// <summary>Analyses a decoded image and opens a session for it (reserving its memory first).</summary>
    public (string Id, CorrectionSession Session) Open(RadiographImage image, string fileName)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var reservation = Reserve(image.Metadata, 0);
        return Open(image, fileName, reservation);
    }

    /// <summary>
    /// The live session with <paramref name="id"/>, held in use until the lease is disposed (so it is not closed
    /// under the request), or a 404 that says it may have expired.
    /// </summary>
    public SessionLease<CorrectionSession> Acquire(string id) => Sessions.TryAcquire(id) ?? throw Gone(id);

    /// <summary>The page's heartbeat: marks the session used now (it is on screen), or a 404 when it is gone.</summary>
    public void KeepAlive(string id)
    {
        if (!Sessions.Touch(id))
        {
            throw Gone(id);
        }
    }

    /// <summary>
    /// Re-predicts with <paramref name="hints"/> and makes that the session's state; degenerate hints are a
    /// 400 and an unservable prediction a 422, both leaving the state as it was.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <param name="hints">Every correction in force.</param>
    /// <param name="placedAt">
    /// For each hint, when it was first placed if the client knows (a resumed session), else null; a hint not sent
    /// before that has no time gets the present. A time in the future is a 400.
    /// </param>
    public CorrectionState Refine(CorrectionSession session, IReadOnlyList<CornerHint> hints, IReadOnlyList<DateTimeOffset?>? placedAt = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(hints);
        placedAt ??= [];
        var now = Options.Clock.GetUtcNow();
        for (var i = 0; i < placedAt.Count; i++)
        {
            if (placedAt[i] > now)
            {
                throw new ApiRequestException(StatusCodes.Status400BadRequest, $"hints[{i}].at lies in the future by this server's clock; a correction's time is when it was placed.");
            }
        }

        // Degenerate hints throw InvalidHintException (a 400, see ErrorResponses) before the network runs.
        var prediction = Refiner.Refine(session.Prepared, hints);
        if (!PredictionCheck.IsServable(prediction, session.FileName, session.SpacingSource))
        {
            // The session keeps its previous state, so its exports stay valid.
            throw new ApiRequestException(
                StatusCodes.Status422UnprocessableEntity,
                "These corrections leave a vertebra without a measurable shape (two corners on one point); move a corner apart and try again.");
        }

        var state = new CorrectionState(hints, prediction) { Corrections = Timed(hints, placedAt, session.State.Corrections, now) };
        session.State = state;
        return state;
    }

    // The page sends every correction on each refine, so a correction's time is when it first appeared where it is,
    // or, for one the session has not seen, the time the client says it was placed (a resumed session), else now.
    private static IReadOnlyList<UserCorrection> Timed(IReadOnlyList<CornerHint> hints, IReadOnlyList<DateTimeOffset?> placedAt, IReadOnlyList<UserCorrection> earlier, DateTimeOffset now) =>
        [.. hints.Select((hint, i) =>
            earlier.FirstOrDefault(c => c.Level == hint.Level && c.Corner == hint.Corner && c.X == hint.X && c.Y == hint.Y)
            ?? new UserCorrection(hint.Level, hint.Corner, hint.X, hint.Y, (i < placedAt.Count ? placedAt[i] : null) ?? now))];

    private ApiRequestException Gone(string id) => new(
        StatusCodes.Status404NotFound,
        $"No open image with id '{Shown(id)}': it never existed, or it was closed after {Options.IdleTimeout.TotalMinutes:0.#} minutes unused or to make room for newer ones. Open the file again.");

    // An id is echoed only when it has the server's own form; anything else a client sent is not repeated.
    private static string Shown(string id) => id is { Length: <= 64 } && id.All(char.IsAsciiLetterOrDigit) ? id : "(not shown)";
}
