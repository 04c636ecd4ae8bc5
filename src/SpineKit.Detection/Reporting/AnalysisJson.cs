using System.Text;
using System.Text.Json;
using SpineKit.Anatomy;
using SpineKit.Anatomy.Clinical;
using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Inference;

namespace SpineKit.Detection.Reporting;

/// <summary>
/// Writes one analysis as JSON (schema <see cref="Schema"/>, documented in <c>docs/analysis-schema.md</c>):
/// the image, every vertebra with its corners in original pixels (and millimetres when the spacing is
/// known), the challenge's three angles with their end vertebrae, and the clinical curve report.
/// </summary>
public static class AnalysisJson
{
    /// <summary>Schema identifier written in every document.</summary>
    public const string Schema = "spinekit.analysis/1";

    private static readonly string[] CornerKeys = ["tl", "tr", "bl", "br"];

    /// <summary>Serialises <paramref name="prediction"/> (indented UTF-8).</summary>
    /// <param name="prediction">The detector's result.</param>
    /// <param name="source">Image file name to record (no folder, no patient data).</param>
    /// <param name="spacingSource">Which DICOM attribute the spacing came from, if any.</param>
    /// <param name="provenance">Version, models, time and image hash to record under <c>provenance</c>; left out when null.</param>
    /// <param name="assessment">The film check's verdict and reasons to record under <c>film</c>; left out when null.</param>
    /// <param name="corrections">The corners a person placed, to record under <c>corrections</c> (empty: none placed); left out when null (no person was asked).</param>
    /// <param name="orientation">Which patient side the image's x axis points to (DICOM Patient Orientation); with it each curve's convexity is also named on the patient, without it that is null.</param>
    public static string Write(LandmarkPrediction prediction, string source, string? spacingSource = null, AnalysisProvenance? provenance = null, FilmAssessment? assessment = null, IReadOnlyList<UserCorrection>? corrections = null, ImageOrientation? orientation = null)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            var landmarks = prediction.Landmarks;
            json.WriteStartObject();
            json.WriteString("schema", Schema);
            json.WriteStartObject("image");
            json.WriteString("file", source);
            json.WriteNumber("width", landmarks.Size.Width);
            json.WriteNumber("height", landmarks.Size.Height);
            if (landmarks.Spacing is { } spacing)
            {
                json.WriteStartObject("pixelSpacingMm");
                json.WriteNumber("row", spacing.RowMillimetres);
                json.WriteNumber("column", spacing.ColumnMillimetres);
                if (spacingSource is not null)
                {
                    json.WriteString("source", spacingSource);
                }

                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("pixelSpacingMm");
            }

            json.WriteEndObject();
            WriteVertebrae(json, landmarks, prediction.LevelConfidence);
            json.WriteStartObject("levels");
            json.WriteString("first", VertebraLevels.Name(landmarks.Vertebrae[0].Level));
            json.WriteString("last", VertebraLevels.Name(landmarks.Vertebrae[^1].Level));
            json.WriteBoolean("allChallengeLevels", CobbAnalysis.CoversChallengeLevels(landmarks));
            json.WriteBoolean("inDoubt", prediction.LabelsInDoubt);
            json.WriteEndObject();
            if (assessment is not null)
            {
                json.WriteStartObject("film");
                json.WriteString("verdict", assessment.Code);
                json.WriteStartArray("reasons");
                foreach (var reason in assessment.Reasons)
                {
                    json.WriteStringValue(reason);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            if (prediction.Uncertainty is { } angles)
            {
                json.WriteBoolean("anglesUncertain", angles.IsUncertain);
            }
            else
            {
                json.WriteNull("anglesUncertain");
            }

            WriteChallenge(json, prediction);
            WriteClinical(json, prediction, orientation);
            json.WriteNumber("seconds", Math.Round(prediction.Seconds, 4));
            if (corrections is not null)
            {
                WriteCorrections(json, corrections);
            }

            if (provenance is not null)
            {
                WriteProvenance(json, provenance);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteProvenance(Utf8JsonWriter json, AnalysisProvenance provenance)
    {
        json.WriteStartObject("provenance");
        json.WriteString("spinekit", provenance.SoftwareVersion);
        json.WriteString("notice", AnalysisProvenance.Notice);
        json.WriteString("analyzedAt", UtcText(provenance.AnalyzedAt));
        json.WriteStartArray("models");
        foreach (var (role, file) in provenance.Models)
        {
            json.WriteStartObject();
            json.WriteString("role", role);
            json.WriteString("file", file.Name);
            json.WriteString("sha256", file.Sha256);
            WriteOptional(json, "trainedOn", file.TrainingDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (provenance.ImageSha256 is { } hash)
        {
            json.WriteString("imageSha256", hash);
        }
        else
        {
            json.WriteNull("imageSha256");
        }

        if (provenance.Dicom is { } dicom)
        {
            json.WriteStartObject("dicom");
            WriteOptional(json, "studyInstanceUid", dicom.StudyInstanceUid);
            WriteOptional(json, "seriesInstanceUid", dicom.SeriesInstanceUid);
            WriteOptional(json, "sopInstanceUid", dicom.SopInstanceUid);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("dicom");
        }

        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteCorrections(Utf8JsonWriter json, IReadOnlyList<UserCorrection> corrections)
    {
        json.WriteStartArray("corrections");
        foreach (var correction in corrections)
        {
            json.WriteStartObject();
            json.WriteString("level", VertebraLevels.Name(correction.Level));
            json.WriteString("corner", CornerKeys[(int)correction.Corner]);
            json.WriteNumber("x", Math.Round(correction.X, 2));
            json.WriteNumber("y", Math.Round(correction.Y, 2));
            json.WriteString("at", UtcText(correction.At));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    // One way to write a time in every output: UTC to the second, ISO 8601 with Z.
    private static string UtcText(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static void WriteVertebrae(Utf8JsonWriter json, LandmarkSet landmarks, IReadOnlyDictionary<VertebraLevel, double>? levelConfidence)
    {
        json.WriteStartArray("vertebrae");
        foreach (var vertebra in landmarks.Vertebrae)
        {
            json.WriteStartObject();
            json.WriteString("level", VertebraLevels.Name(vertebra.Level));
            json.WriteStartObject("corners");
            foreach (var corner in vertebra.PresentCorners)
            {
                WritePoint(json, CornerKeys[(int)corner], vertebra[corner]);
            }

            json.WriteEndObject();
            if (landmarks.Spacing is { } spacing)
            {
                json.WriteStartObject("cornersMm");
                foreach (var corner in vertebra.PresentCorners)
                {
                    var point = vertebra[corner];
                    WritePoint(json, CornerKeys[(int)corner], new Point2(point.X * spacing.ColumnMillimetres, point.Y * spacing.RowMillimetres));
                }

                json.WriteEndObject();
            }

            json.WriteNumber("confidence", Math.Round(vertebra.Confidence, 4));
            if (levelConfidence is not null)
            {
                WriteRounded(json, "levelConfidence", levelConfidence.TryGetValue(vertebra.Level, out var p) ? p : null);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteChallenge(Utf8JsonWriter json, LandmarkPrediction prediction)
    {
        if (prediction.Cobb.Challenge is not { } challenge)
        {
            json.WriteNull("challengeAngles");
            return;
        }

        // U and L index the landmarks the challenge rules read (as given), not the sanitized set, which may be sorted
        // differently or lack a body it dropped.
        var vertebrae = prediction.Landmarks.Vertebrae;
        string Level(int index) => index >= 0 && index < vertebrae.Count ? VertebraLevels.Name(vertebrae[index].Level) : "?";
        json.WriteStartObject("challengeAngles");
        json.WriteNumber("first", Math.Round(challenge.Angles.First, 3));
        json.WriteNumber("second", Math.Round(challenge.Angles.Second, 3));
        json.WriteNumber("third", Math.Round(challenge.Angles.Third, 3));
        json.WriteString("upperEnd", Level(challenge.UpperEnd));
        json.WriteString("lowerEnd", Level(challenge.LowerEnd));
        json.WriteBoolean("sShaped", challenge.IsSShaped);
        if (prediction.Uncertainty?.Challenge is { } spread)
        {
            json.WriteStartArray("uncertaintyDegrees");
            json.WriteNumberValue(Math.Round(spread.First, 2));
            json.WriteNumberValue(Math.Round(spread.Second, 2));
            json.WriteNumberValue(Math.Round(spread.Third, 2));
            json.WriteEndArray();
        }
        else
        {
            json.WriteNull("uncertaintyDegrees");
        }

        json.WriteEndObject();
    }

    private static void WriteClinical(Utf8JsonWriter json, LandmarkPrediction prediction, ImageOrientation? orientation)
    {
        var report = prediction.Cobb.Clinical;
        json.WriteStartObject("clinical");
        json.WriteStartArray("curves");
        for (var i = 0; i < report.Curves.Count; i++)
        {
            var curve = report.Curves[i];
            json.WriteStartObject();
            json.WriteString("upperEnd", VertebraLevels.Name(curve.UpperEnd));
            json.WriteString("lowerEnd", VertebraLevels.Name(curve.LowerEnd));
            json.WriteString("apex", VertebraLevels.Name(curve.Apex));
            json.WriteNumber("cobbDegrees", Math.Round(curve.CobbAngle, 2));
            json.WriteString("convexSide", curve.ConvexSide.ToString());
            WriteOptional(json, "convexPatientSide", orientation?.PatientSideOf(curve.ConvexSide).ToString());
            json.WriteString("region", curve.Region.ToString());
            json.WriteString("severity", curve.Severity.ToString());
            json.WriteBoolean("major", curve.IsMajor);
            json.WriteBoolean("reachesLastFoundLevel", curve.ReachesLastFoundLevel);
            WriteRounded(json, "uncertaintyDegrees", prediction.Uncertainty is { } uncertainty && i < uncertainty.Curves.Count ? uncertainty.Curves[i] : null);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("tilts");
        foreach (var tilt in report.Tilts)
        {
            json.WriteStartObject();
            json.WriteString("level", VertebraLevels.Name(tilt.Level));
            json.WriteNumber("bodyDegrees", Math.Round(tilt.Body, 2));
            json.WriteNumber("upperEndplateDegrees", Math.Round(tilt.UpperEndplate, 2));
            if (tilt.LowerEndplate is { } lower)
            {
                json.WriteNumber("lowerEndplateDegrees", Math.Round(lower, 2));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (report.Sacral is { } sacral)
        {
            json.WriteStartObject("sacral");
            json.WriteNumber("csvlX", Math.Round(sacral.CsvlX, 2));
            json.WriteString("apicalLumbar", VertebraLevels.Name(sacral.ApicalLumbar));
            json.WriteString("lenkeLumbarModifier", sacral.Modifier.ToString());
            WriteRounded(json, "fractionalCurveDegrees", sacral.FractionalCurveDegrees);
            WriteRounded(json, "coronalBalancePixels", sacral.CoronalBalancePixels);
            json.WriteString("note", "The lumbar modifier is one part of a Lenke type; the curve type needs side-bending films.");
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("sacral");
        }

        json.WriteEndObject();
    }

    private static void WriteRounded(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, Math.Round(number, 2));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WritePoint(Utf8JsonWriter json, string name, Point2 point)
    {
        json.WriteStartObject(name);
        json.WriteNumber("x", Math.Round(point.X, 2));
        json.WriteNumber("y", Math.Round(point.Y, 2));
        json.WriteEndObject();
    }
}
