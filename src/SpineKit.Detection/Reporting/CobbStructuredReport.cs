using SpineKit.Anatomy;
using SpineKit.Anatomy.Clinical;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Inference;
using SpineKit.Imaging.Formats.Dicom;

namespace SpineKit.Detection.Reporting;

/// <summary>
/// One analysis as a DICOM Comprehensive SR in the shape of TID 1500 (Imaging Measurement Report): language and
/// device observer, the procedure, an image library naming the source image, then measurement groups for the
/// AASCE challenge's three Cobb angles, each clinical curve (region, end and apical vertebrae, angle, severity)
/// and each vertebra's corners as an image region. Every coordinate references the source image (and its frame
/// when it has several). The content is listed code by code in <c>docs/pacs.md</c>; the same numbers are in
/// <see cref="AnalysisJson"/>.
/// </summary>
public static class CobbStructuredReport
{
    /// <summary>Comprehensive SR Storage.</summary>
    public const string SopClassUid = "1.2.840.10008.5.1.4.1.1.88.33";

    /// <summary>Builds the report dataset; write it with <see cref="DicomFileWriter.Write"/>.</summary>
    /// <param name="prediction">The analysis.</param>
    /// <param name="source">The analysed image's patient, study and identity.</param>
    /// <param name="instance">The report's new series and instance.</param>
    /// <param name="provenance">Software version, models and image hash.</param>
    /// <param name="sourceFrame">The analysed frame of the source (0-based).</param>
    public static DicomDatasetBuilder Create(LandmarkPrediction prediction, DicomPatientStudy source, DicomNewInstance instance, AnalysisProvenance provenance, int sourceFrame = 0)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(provenance);
        var frame = source.ReferencedFrame(sourceFrame);
        var image = new SourceReference(source, frame);

        var dataset = DicomDerivedModules.Create(source, instance, SopClassUid, "SR");
        dataset.AddText(0x0040, 0xA491, "CS", "COMPLETE")
            .AddText(0x0040, 0xA493, "CS", "UNVERIFIED")
            .AddSequence(0x0008, 0x1111, [])
            .AddSequence(0x0040, 0xA372, [])
            .AddSequence(0x0040, 0xA375, [Evidence(source)])
            .AddSequence(0x0008, 0x0110,
            [
                new DicomDatasetBuilder()
                    .AddText(0x0008, 0x0102, "SH", SpineReportCodes.PrivateScheme)
                    .AddText(0x0008, 0x0115, "ST", "SpineKit spine measurement codes")
                    .AddText(0x0008, 0x0116, "ST", "SpineKit project (docs/pacs.md)"),
            ]);

        Root(prediction, image, provenance).WriteRoot(dataset, "1500");
        return dataset;
    }

    private static DicomSrItem Root(LandmarkPrediction prediction, SourceReference image, AnalysisProvenance provenance)
    {
        var root = DicomSrItem.Container(SpineReportCodes.ImagingMeasurementReport)
            .Add("HAS CONCEPT MOD", DicomSrItem.Code(SpineReportCodes.Language, SpineReportCodes.EnglishUnitedStates))
            .Add("HAS OBS CONTEXT", DicomSrItem.Code(SpineReportCodes.ObserverType, SpineReportCodes.Device))
            .Add("HAS OBS CONTEXT", DicomSrItem.UidReference(SpineReportCodes.DeviceObserverUid, DicomUid.Derive("SpineKit device observer " + provenance.SoftwareVersion)))
            .Add("HAS OBS CONTEXT", DicomSrItem.Text(SpineReportCodes.DeviceObserverName, "SpineKit"))
            .Add("HAS OBS CONTEXT", DicomSrItem.Text(SpineReportCodes.DeviceObserverManufacturer, "SpineKit project"))
            .Add("HAS OBS CONTEXT", DicomSrItem.Text(SpineReportCodes.DeviceObserverModelName, "SpineKit " + provenance.SoftwareVersion))
            .Add("HAS CONCEPT MOD", DicomSrItem.Code(SpineReportCodes.ProcedureReported, SpineReportCodes.Procedure));

        root.Contains(DicomSrItem.Container(SpineReportCodes.ImageLibrary)
            .Contains(DicomSrItem.Container(SpineReportCodes.ImageLibraryGroup).Contains(image.Item())));

        var measurements = DicomSrItem.Container(SpineReportCodes.ImagingMeasurements);
        if (ChallengeGroup(prediction, image) is { } challenge)
        {
            measurements.Contains(challenge);
        }

        var landmarks = prediction.Cobb.Sanitized.Landmarks;
        var number = 0;
        foreach (var curve in prediction.Cobb.Clinical.Curves)
        {
            measurements.Contains(CurveGroup(curve, ++number, landmarks, image));
        }

        foreach (var vertebra in prediction.Landmarks.Vertebrae)
        {
            measurements.Contains(VertebraGroup(vertebra, image));
        }

        root.Contains(measurements);
        root.Contains(DicomSrItem.Text(SpineReportCodes.Comment, AnalysisProvenance.Notice));
        if (prediction.Cobb.Challenge is null)
        {
            root.Contains(DicomSrItem.Text(SpineReportCodes.Comment, "Partial view: the AASCE challenge angles need T1-L5, so they are not reported."));
        }

        foreach (var (role, file) in provenance.Models)
        {
            root.Contains(DicomSrItem.Container(SpineReportCodes.Model)
                .Contains(DicomSrItem.Text(SpineReportCodes.ModelRole, role))
                .Contains(DicomSrItem.Text(SpineReportCodes.AlgorithmName, file.Name))
                .Contains(DicomSrItem.Text(SpineReportCodes.AlgorithmVersion, $"SpineKit {provenance.SoftwareVersion}, sha256 {file.ShortHash}"))
                .Contains(DicomSrItem.Text(SpineReportCodes.ModelSha256, file.Sha256)));
        }

        if (provenance.ImageSha256 is { } hash)
        {
            root.Contains(DicomSrItem.Text(SpineReportCodes.ImageSha256, hash));
        }

        return root;
    }

    private static DicomSrItem? ChallengeGroup(LandmarkPrediction prediction, SourceReference image)
    {
        if (prediction.Cobb.Challenge is not { } challenge)
        {
            return null;
        }

        var group = Group("AASCE challenge Cobb angles", image.TrackingUid("aasce"), SpineReportCodes.Scoliosis);
        for (var column = 0; column < 3; column++)
        {
            group.Contains(DicomSrItem.Number(SpineReportCodes.ChallengeAngles[column], challenge.Angles[column], SpineReportCodes.Degree)
                .Add("HAS CONCEPT MOD", DicomSrItem.Code(SpineReportCodes.MeasurementMethod, SpineReportCodes.ChallengeMethod)));
        }

        // U and L index the landmarks as given, which the challenge algorithm reads unsorted (the sanitized set may
        // be sorted differently or lack a body it dropped).
        var vertebrae = prediction.Landmarks.Vertebrae;
        if (challenge.UpperEnd >= 0 && challenge.UpperEnd < vertebrae.Count && challenge.LowerEnd >= 0 && challenge.LowerEnd < vertebrae.Count)
        {
            group.Contains(DicomSrItem.Code(SpineReportCodes.UpperEndVertebra, SpineReportCodes.Level(vertebrae[challenge.UpperEnd].Level)));
            group.Contains(DicomSrItem.Code(SpineReportCodes.LowerEndVertebra, SpineReportCodes.Level(vertebrae[challenge.LowerEnd].Level)));
        }

        return group;
    }

    private static DicomSrItem CurveGroup(CoronalCurve curve, int number, LandmarkSet landmarks, SourceReference image)
    {
        var upper = VertebraLevels.Name(curve.UpperEnd);
        var lower = VertebraLevels.Name(curve.LowerEnd);
        var group = Group($"Curve {number} {upper}-{lower}", image.TrackingUid($"curve {upper}-{lower}"), SpineReportCodes.Scoliosis)
            .Contains(DicomSrItem.Code(SpineReportCodes.FindingSite, SpineReportCodes.Region(curve.Region)));

        var angle = DicomSrItem.Number(SpineReportCodes.CobbAngle, curve.CobbAngle, SpineReportCodes.Degree)
            .Add("HAS CONCEPT MOD", DicomSrItem.Code(SpineReportCodes.MeasurementMethod, SpineReportCodes.ClinicalMethod));

        // The two endplates the angle is measured between, so a viewer can draw them.
        if (landmarks.Find(curve.UpperEnd) is { } top)
        {
            angle.Add("INFERRED FROM", image.Coordinates(SpineReportCodes.MeasuredEndplate, [top.TopLeft, top.TopRight]));
        }

        if (landmarks.Find(curve.LowerEnd) is { HasLowerEndplate: true } bottom)
        {
            angle.Add("INFERRED FROM", image.Coordinates(SpineReportCodes.MeasuredEndplate, [bottom.BottomLeft, bottom.BottomRight]));
        }

        return group.Contains(angle)
            .Contains(DicomSrItem.Code(SpineReportCodes.UpperEndVertebra, SpineReportCodes.Level(curve.UpperEnd)))
            .Contains(DicomSrItem.Code(SpineReportCodes.LowerEndVertebra, SpineReportCodes.Level(curve.LowerEnd)))
            .Contains(DicomSrItem.Code(SpineReportCodes.ApicalVertebra, SpineReportCodes.Level(curve.Apex)))
            .Contains(DicomSrItem.Code(SpineReportCodes.Severity, SpineReportCodes.SeverityOf(curve.Severity)))
            .Contains(DicomSrItem.Code(SpineReportCodes.ConvexSide, SpineReportCodes.Side(curve.ConvexSide)))
            .Contains(DicomSrItem.Code(SpineReportCodes.MajorCurve, SpineReportCodes.YesNo(curve.IsMajor)))
            .Contains(DicomSrItem.Code(SpineReportCodes.ReachesLastFoundLevel, SpineReportCodes.YesNo(curve.ReachesLastFoundLevel)));
    }

    private static DicomSrItem VertebraGroup(Vertebra vertebra, SourceReference image)
    {
        var name = VertebraLevels.Name(vertebra.Level);

        // A closed outline tl, tr, br, bl, tl (an SCOORD has no polygon type; a POLYLINE that returns to its start is one).
        Point2[] outline = vertebra.HasLowerEndplate
            ? [vertebra.TopLeft, vertebra.TopRight, vertebra.BottomRight, vertebra.BottomLeft, vertebra.TopLeft]
            : [vertebra.TopLeft, vertebra.TopRight];
        return Group($"Vertebra {name}", image.TrackingUid($"vertebra {name}"), null)
            .Contains(DicomSrItem.Code(SpineReportCodes.FindingSite, SpineReportCodes.Level(vertebra.Level)))
            .Contains(image.Coordinates(SpineReportCodes.ImageRegion, outline))
            .Contains(DicomSrItem.Number(SpineReportCodes.Confidence, Math.Round(vertebra.Confidence, 4), SpineReportCodes.NoUnits));
    }

    private static DicomSrItem Group(string trackingIdentifier, string trackingUid, DicomCode? finding)
    {
        var group = DicomSrItem.Container(SpineReportCodes.MeasurementGroup)
            .Add("HAS OBS CONTEXT", DicomSrItem.Text(SpineReportCodes.TrackingIdentifier, trackingIdentifier))
            .Add("HAS OBS CONTEXT", DicomSrItem.UidReference(SpineReportCodes.TrackingUid, trackingUid));
        if (finding is not null)
        {
            group.Contains(DicomSrItem.Code(SpineReportCodes.Finding, finding));
        }

        return group;
    }

    private static DicomDatasetBuilder Evidence(DicomPatientStudy source) =>
        new DicomDatasetBuilder()
            .AddText(0x0020, 0x000D, "UI", source.StudyInstanceUid)
            .AddSequence(0x0008, 0x1115,
            [
                new DicomDatasetBuilder()
                    .AddText(0x0020, 0x000E, "UI", source.SeriesInstanceUid)
                    .AddSequence(0x0008, 0x1199, [DicomSrItem.ReferencedSop(source.SopClassUid, source.SopInstanceUid)]),
            ]);

    /// <summary>The source image as the IMAGE items and coordinates of the report reference it.</summary>
    private sealed record SourceReference(DicomPatientStudy Source, int? Frame)
    {
        public DicomSrItem Item() => DicomSrItem.Image(null, Source.SopClassUid, Source.SopInstanceUid, Frame);

        /// <summary>
        /// Image coordinates: our pixels already put a pixel's centre at +0.5 from its top left corner, as DICOM's do.
        /// </summary>
        public DicomSrItem Coordinates(DicomCode concept, IReadOnlyList<Point2> points) =>
            DicomSrItem.SpatialCoordinates(concept, "POLYLINE", [.. points.Select(p => (p.X, p.Y))]).Add("SELECTED FROM", Item());

        /// <summary>Stable across reports on the same image, so a finding can be tracked from one model version to the next.</summary>
        public string TrackingUid(string what) => DicomUid.Derive($"{Source.SopInstanceUid}|{Frame}|{what}");
    }
}
