using Microsoft.AspNetCore.Http;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Labels;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Reporting;

namespace SpineKit.Web;

/// <summary>
/// The body of <c>POST /api/sessions/{id}/overlay.png</c> and of the challenge CSV files: the vertebrae the page shows
/// (after vertebrae were added, deleted, relabelled or moved, which only the page holds) as a <c>spinekit.analysis/1</c>
/// document, of which only <c>image</c> and <c>vertebrae</c> are read. It must describe the session's film (same size)
/// and every corner must lie near it, as a refine's hints must. The session's state is never changed.
/// </summary>
internal static class ShownExportRequest
{
    /// <summary>Largest body (<see cref="VertebraeBody.MaxBytes"/>).</summary>
    public const long MaxBytes = VertebraeBody.MaxBytes;

    /// <summary>Reads the shown vertebrae for <paramref name="session"/>'s film; a problem is a 400 that names it.</summary>
    public static LandmarkSet Read(ReadOnlySpan<byte> body, CorrectionSession session)
    {
        var (document, landmarks) = VertebraeBody.Parse(body, "export");
        document.Dispose();

        var (width, height) = (session.Display.Width, session.Display.Height);
        if (landmarks.Size.Width != width || landmarks.Size.Height != height)
        {
            throw BadRequest($"image.width and image.height must be this film's size, {width} x {height}, not {landmarks.Size.Width} x {landmarks.Size.Height}.");
        }

        // The bound a refine's hints have: no further than one image size outside the image.
        foreach (var vertebra in landmarks.Vertebrae)
        {
            foreach (var point in vertebra.CornerArray())
            {
                if (point.X < -width || point.X > 2.0 * width || point.Y < -height || point.Y > 2.0 * height)
                {
                    throw BadRequest($"A corner of {VertebraLevels.Name(vertebra.Level)} ({point.X}, {point.Y}) lies far outside the {width} x {height} image.");
                }
            }
        }

        // The film's own spacing and name, never the body's: the export describes the session's film.
        return new LandmarkSet(landmarks.Size, landmarks.Vertebrae, session.Prepared.Spacing, session.FileName);
    }

    /// <summary>The shown vertebrae measured as a prediction (Cobb angles and curves), for the overlay.</summary>
    public static LandmarkPrediction Measure(LandmarkSet landmarks) => new(landmarks, CobbAnalysis.Analyze(landmarks), 0);

    /// <summary>
    /// The challenge entry of the shown vertebrae: the layout needs four corners on every vertebra and the angles at
    /// least two vertebrae, so anything else is a 400 saying so.
    /// </summary>
    public static ChallengeEntry ChallengeEntryOf(LandmarkSet landmarks)
    {
        if (landmarks.Vertebrae.FirstOrDefault(v => !v.HasLowerEndplate) is { } partial)
        {
            throw BadRequest($"The challenge layout needs four corners on every vertebra; {VertebraLevels.Name(partial.Level)} has only its upper endplate.");
        }

        if (landmarks.Vertebrae.Count < 2)
        {
            throw BadRequest("The challenge layout needs at least two vertebrae.");
        }

        return ChallengeEntry.FromLandmarks(landmarks.ImageName ?? "radiograph", landmarks);
    }

    private static ApiRequestException BadRequest(string message) => VertebraeBody.BadRequest(message);
}
