using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SpineKit.Anatomy;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Reporting;

namespace SpineKit.Web;

/// <summary>
/// The answer of analyze and refine: <c>{ "id", "hints", "prediction" }</c>, where <c>prediction</c> is
/// exactly the <c>spinekit.analysis/1</c> document that <c>spinekit analyze</c> writes.
/// </summary>
internal static class PredictionResponse
{
    // Answers are JSON, never inlined into HTML, so quotes and apostrophes in messages can stay readable.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The UTF-8 JSON answer for a session's state, analysed at <paramref name="now"/> (the server's clock); with
    /// <paramref name="withDisplay"/> (analyze) also what the page needs to window the film (<see cref="ModalityDisplay"/>).
    /// </summary>
    public static byte[] Write(string id, CorrectionSession session, CorrectionState state, DateTimeOffset now, bool withDisplay = false)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteStartArray("hints");
            foreach (var hint in state.Hints)
            {
                json.WriteStartObject();
                json.WriteString("level", VertebraLevels.Name(hint.Level));
                json.WriteString("corner", Corners.Name(hint.Corner));
                json.WriteNumber("x", hint.X);
                json.WriteNumber("y", hint.Y);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WritePropertyName("prediction");
            json.WriteRawValue(AnalysisJson(session, state, now), skipInputValidation: true);
            if (withDisplay)
            {
                if (session.Modality is { } modality)
                {
                    modality.Write(json);
                }
                else
                {
                    ModalityDisplay.WriteNone(json);
                }
            }

            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>The <c>spinekit.analysis/1</c> document of a state, with the film check, the user's corrections (with their times) and the provenance of the session's models.</summary>
    /// <remarks>The time is the server's clock (<see cref="SpineKitServerOptions.Clock"/>), like the corrections' times, so the two agree.</remarks>
    public static string AnalysisJson(CorrectionSession session, CorrectionState state, DateTimeOffset now) =>
        Detection.Reporting.AnalysisJson.Write(
            state.Prediction,
            session.FileName,
            session.SpacingSource,
            new AnalysisProvenance(Version, session.Models, now, session.ImageSha256) { Dicom = session.Dicom },
            session.Film.Combine(SpineFilmGate.FromEvidence(state.Prediction)),
            state.Corrections,
            session.Orientation);

    /// <summary>The SpineKit version (one for every assembly, from the build).</summary>
    private static string Version { get; } =
        System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(typeof(PredictionResponse).Assembly)?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>A JSON error body.</summary>
    public static byte[] Error(string message)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("error", message);
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>Keeps only characters that are safe in a Content-Disposition file name.</summary>
    public static string SafeStem(string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var builder = new StringBuilder(stem.Length);
        foreach (var c in stem)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        return builder.Length == 0 ? "radiograph" : builder.ToString();
    }
}
