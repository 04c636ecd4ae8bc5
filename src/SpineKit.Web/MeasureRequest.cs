using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Labels;
using SpineKit.Anatomy.Sagittal;
using SpineKit.Detection.Reporting;

namespace SpineKit.Web;

/// <summary>
/// <c>POST /api/measure</c>: measures corners the page holds (vertebrae added, deleted, relabelled or placed by hand)
/// without any network: the body is a <c>spinekit.analysis/1</c> document (only its image size and vertebrae are read)
/// with <c>"view": "ap"</c> or <c>"lateral"</c> and, for lateral, an optional <c>"facing": "right"|"left"</c>. The answer
/// is <c>{ "analysis": the document re-measured (Cobb angles, curves), "sagittal": lordosis and sacral slope or null }</c>.
/// It never touches a session, so the re-prediction path is unchanged.
/// </summary>
internal static class MeasureRequest
{
    /// <summary>Largest body (<see cref="VertebraeBody.MaxBytes"/>).</summary>
    public const long MaxBytes = VertebraeBody.MaxBytes;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Parses, measures and writes the answer; a problem in the body is a 400 that names it.</summary>
    public static byte[] Answer(ReadOnlySpan<byte> body)
    {
        var (document, landmarks) = VertebraeBody.Parse(body, "measure");
        using (document)
        {
            var root = document.RootElement;

            var view = root.TryGetProperty("view", out var viewElement) && viewElement.ValueKind == JsonValueKind.String ? viewElement.GetString() : "ap";
            if (view is not ("ap" or "lateral"))
            {
                throw BadRequest("'view' must be \"ap\" or \"lateral\".");
            }

            PatientFacing? facing = null;
            if (root.TryGetProperty("facing", out var facingElement) && facingElement.ValueKind != JsonValueKind.Null)
            {
                facing = facingElement.ValueKind == JsonValueKind.String ? facingElement.GetString() switch
                {
                    "right" => PatientFacing.ImageRight,
                    "left" => PatientFacing.ImageLeft,
                    _ => throw BadRequest("'facing' must be \"right\" or \"left\" (the image side the patient faces), or null to infer it from S1."),
                }
                : throw BadRequest("'facing' must be \"right\" or \"left\" (the image side the patient faces), or null to infer it from S1.");
            }

            var prediction = ShownExportRequest.Measure(landmarks);
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, WriterOptions))
            {
                json.WriteStartObject();
                json.WritePropertyName("analysis");
                json.WriteRawValue(AnalysisJson.Write(prediction, landmarks.ImageName ?? "radiograph"), skipInputValidation: true);
                if (view == "lateral")
                {
                    WriteSagittal(json, landmarks, facing);
                }
                else
                {
                    json.WriteNull("sagittal");
                }

                json.WriteEndObject();
            }

            return stream.ToArray();
        }
    }

    private static void WriteSagittal(Utf8JsonWriter json, LandmarkSet landmarks, PatientFacing? stated)
    {
        var facing = stated ?? SagittalFacing.Infer(landmarks);
        json.WriteStartObject("sagittal");
        json.WriteString("facing", facing switch { PatientFacing.ImageRight => "right", PatientFacing.ImageLeft => "left", _ => null });
        json.WriteBoolean("facingInferred", stated is null && facing is not null);
        if (facing is { } known)
        {
            var angles = SagittalAngles.Measure(landmarks, known);
            WriteAngle(json, "lordosisL1L5", angles.LordosisL1L5);
            WriteAngle(json, "lordosisL1S1", angles.LordosisL1S1);
            WriteAngle(json, "sacralSlope", angles.SacralSlope);
        }
        else
        {
            json.WriteNull("lordosisL1L5");
            json.WriteNull("lordosisL1S1");
            json.WriteNull("sacralSlope");
        }

        json.WriteStartArray("missing");
        if (facing is null)
        {
            json.WriteStringValue("the patient's facing: S1 is not labelled (or its endplate is level), so choose which image side the patient faces");
        }

        foreach (var line in SagittalFacing.MissingLevels(landmarks))
        {
            json.WriteStringValue(line);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteAngle(Utf8JsonWriter json, string name, double? degrees)
    {
        if (degrees is { } value)
        {
            json.WriteNumber(name, Math.Round(value, 2));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static ApiRequestException BadRequest(string message) => VertebraeBody.BadRequest(message);
}
