using System.Globalization;
using SpineKit.Imaging;

namespace SpineKit.Detection.Inference;

/// <summary>
/// Decides whether an image is an AP spine radiograph before its measurements are trusted: first from what the
/// file says (DICOM modality, body part, view, photometric interpretation, size), then from what the detector
/// saw (how confident it was on the vertebrae it found). The thresholds are documented in the README with the
/// figures they were chosen from: the validation films and the DICOM samples (none of which is an AP spine film).
/// </summary>
public static class SpineFilmGate
{
    /// <summary>Below this many pixels on either side an image cannot show vertebrae (real films are thousands).</summary>
    public const int MinimumSide = 128;

    /// <summary>
    /// Mean confidence of the vertebrae seen (not inferred) below which a result is "unsure". Chosen from measured
    /// figures (two-stage detector, December 2026): the 96 validation films range from 0.43 to 0.94 (median 0.72);
    /// the DICOM samples a spine is "found" on without spine attributes score 0.30 (a DX chest film) and 0.30 (a
    /// colour image), the CR chest film 0.49 (caught by its body part instead).
    /// </summary>
    public const double MinimumMeanConfidence = 0.40;

    /// <summary>Fewer vertebrae seen than this is "unsure" (a partial view that still shows a spine has more).</summary>
    public const int MinimumSeen = 5;

    private static readonly HashSet<string> Radiography = new(StringComparer.OrdinalIgnoreCase) { "CR", "DX", "RG", "DR" };

    private static readonly HashSet<string> OtherImaging = new(StringComparer.OrdinalIgnoreCase)
    {
        "CT", "MR", "US", "NM", "PT", "XA", "RF", "MG", "IO", "PX", "OP", "OPT", "ES", "SM", "ECG", "EPS", "IVUS", "OCT", "BMD", "XC", "GM", "DG", "TG", "HD", "SR", "PR", "KO", "DOC", "REG", "SEG", "RTIMAGE", "RTDOSE", "RTSTRUCT", "RTPLAN",
    };

    private static readonly string[] SpineParts = ["SPINE", "SACRUM", "COCCYX", "WHOLEBODY", "SCOLIOSIS"];

    private static readonly HashSet<string> PartlySpine = new(StringComparer.OrdinalIgnoreCase) { "CHEST", "THORAX", "ABDOMEN", "PELVIS", "TRUNK", "BACK", "CHESTABDOMEN", "CHESTABDPELVIS", "ABDOMENPELVIS" };

    private static readonly HashSet<string> LateralViews = new(StringComparer.OrdinalIgnoreCase) { "LL", "RL", "LAT", "LATERAL", "LLD", "RLD", "XTABLE" };

    /// <summary>What the file's own attributes say (DICOM attributes only when present).</summary>
    public static FilmAssessment FromMetadata(RadiographMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var verdict = FilmVerdict.ApSpine;
        var reasons = new List<string>();
        void Note(FilmVerdict level, string reason)
        {
            verdict = (FilmVerdict)Math.Max((int)verdict, (int)level);
            reasons.Add(reason);
        }

        if (Math.Min(metadata.Width, metadata.Height) < MinimumSide)
        {
            Note(FilmVerdict.NotSpine, string.Create(CultureInfo.InvariantCulture, $"the image is {metadata.Width}x{metadata.Height} pixels, too small to show vertebrae"));
        }

        if (metadata.Modality is { Length: > 0 } modality)
        {
            if (OtherImaging.Contains(modality))
            {
                Note(FilmVerdict.NotSpine, $"the DICOM modality is {modality}, not a radiograph (CR or DX)");
            }
            else if (!Radiography.Contains(modality))
            {
                Note(FilmVerdict.Unsure, $"the DICOM modality is {modality} (expected CR or DX)");
            }
        }

        if (metadata.BodyPartExamined is { Length: > 0 } part)
        {
            var compact = part.Replace(" ", string.Empty, StringComparison.Ordinal);
            if (compact.Equals("CSPINE", StringComparison.OrdinalIgnoreCase))
            {
                Note(FilmVerdict.Unsure, "the body part is the cervical spine, above the levels the model measures");
            }
            else if (PartlySpine.Contains(compact))
            {
                Note(FilmVerdict.Unsure, $"the body part is {part}: the spine may be only partly in view");
            }
            else if (!SpineParts.Any(s => compact.Contains(s, StringComparison.OrdinalIgnoreCase)))
            {
                Note(FilmVerdict.NotSpine, $"the body part examined is {part}, not the spine");
            }
        }

        if (metadata.ViewPosition is { Length: > 0 } view && LateralViews.Contains(view.Trim()))
        {
            Note(FilmVerdict.LateralSpine, $"the view is {view} (lateral); the model measures AP and PA films");
        }

        if (metadata.Format == ImageContainerFormat.Dicom && !metadata.PhotometricInterpretation.StartsWith("MONOCHROME", StringComparison.OrdinalIgnoreCase))
        {
            Note(FilmVerdict.Unsure, $"the image is in colour ({metadata.PhotometricInterpretation}); radiographs are greyscale");
        }

        return new FilmAssessment(verdict, reasons);
    }

    /// <summary>What the detector's result says: how many vertebrae it saw and how confident it was on them.</summary>
    public static FilmAssessment FromEvidence(LandmarkPrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var seen = prediction.Landmarks.Vertebrae.Count(v => v.Confidence > 0);
        var mean = MeanConfidence(prediction);
        var reasons = new List<string>();
        if (seen < MinimumSeen)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"only {seen} vertebrae were seen (at least {MinimumSeen} expected)"));
        }

        if (mean < MinimumMeanConfidence)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"the detector's mean confidence is {mean:0.00} (spine films give at least {MinimumMeanConfidence:0.00})"));
        }

        return reasons.Count == 0 ? FilmAssessment.Clear : new FilmAssessment(FilmVerdict.Unsure, reasons);
    }

    /// <summary>Mean confidence of the vertebrae seen (confidence above 0), 0 when none: the evidence figure the thresholds apply to.</summary>
    public static double MeanConfidence(LandmarkPrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var seen = prediction.Landmarks.Vertebrae.Where(v => v.Confidence > 0).ToList();
        return seen.Count == 0 ? 0 : seen.Average(v => v.Confidence);
    }
}
