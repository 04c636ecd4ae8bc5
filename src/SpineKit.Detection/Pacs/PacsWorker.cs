using System.Security.Cryptography;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Reporting;
using SpineKit.Imaging;
using SpineKit.Imaging.Formats.Dicom;

namespace SpineKit.Detection.Pacs;

/// <summary>
/// One pass over a PACS: QIDO-RS finds the AP spine instances, each is skipped when its report for this software
/// and model version is already stored, else fetched (WADO-RS), analysed, and its report (SR) and overlay (Secondary
/// Capture) stored back into its study (STOW-RS, one request). The report's SOP Instance UID is derived from the
/// source instance, software version and model hashes, so a worker killed at any point and started again neither
/// loses nor duplicates a report: the check finds what was stored, and a repeated store of the same UID replaces,
/// not adds. A bad instance is logged (by its UIDs, never patient data) and the pass goes on.
/// </summary>
public sealed class PacsWorker(DicomWebClient client, LandmarkDetector detector, string softwareVersion, Action<string> log, int concurrency = 2)
{
    private readonly SemaphoreSlim detecting = new(1, 1);

    /// <summary>Runs one pass.</summary>
    public async Task<PacsSummary> RunOnceAsync(PacsQuery query, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var found = new Dictionary<string, DicomWebInstance>(StringComparer.Ordinal);
        foreach (var modality in query.Modalities)
        {
            var keys = new List<KeyValuePair<string, string>> { new("Modality", modality), new("includefield", "00080016") };
            if (query.Since is { } since)
            {
                keys.Add(new("StudyDate", since.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "-"));
            }

            if (query.BodyPart is { } part)
            {
                keys.Add(new("BodyPartExamined", part));
            }

            foreach (var instance in await client.SearchInstancesAsync(keys, cancellation).ConfigureAwait(false))
            {
                found.TryAdd(instance.SopInstanceUid, instance);
            }
        }

        var (analysed, skipped, failed, done) = (0, 0, 0, 0);
        await Parallel.ForEachAsync(found.Values.OrderBy(i => i.SopInstanceUid, StringComparer.Ordinal), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = cancellation }, async (instance, token) =>
        {
            string outcome;
            try
            {
                outcome = await ProcessAsync(instance, token).ConfigureAwait(false);
                if (outcome.StartsWith("skipped", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref skipped);
                }
                else
                {
                    Interlocked.Increment(ref analysed);
                }
            }
            catch (Exception exception) when (exception is DicomWebException or ImageFormatException or NoSpineFoundException or ArgumentException or InvalidOperationException)
            {
                Interlocked.Increment(ref failed);
                outcome = $"failed: {exception.Message}";
            }

            log($"[{Interlocked.Increment(ref done)}/{found.Count}] {instance.SopInstanceUid}: {outcome}");
        }).ConfigureAwait(false);

        return new PacsSummary(found.Count, analysed, skipped, failed);
    }

    /// <summary>The report's SOP Instance UID for a source instance under this software and these models.</summary>
    public string ReportUid(string sourceSopInstanceUid) => DicomUid.Derive($"spinekit pacs report|{sourceSopInstanceUid}|{VersionKey}");

    private string VersionKey => $"{softwareVersion}|{string.Join(",", AnalysisProvenance.ModelsOf(detector).Select(m => m.File.Sha256))}";

    private async Task<string> ProcessAsync(DicomWebInstance instance, CancellationToken cancellation)
    {
        var reportUid = ReportUid(instance.SopInstanceUid);
        var existing = await client.SearchInstancesAsync([new("StudyInstanceUID", instance.StudyInstanceUid), new("SOPInstanceUID", reportUid)], cancellation).ConfigureAwait(false);
        if (existing.Count > 0)
        {
            return "skipped (its report for this version is stored)";
        }

        var bytes = await client.RetrieveInstanceAsync(instance, cancellation).ConfigureAwait(false);
        var image = ImageReader.Read(bytes);
        var source = DicomPatientStudy.Read(bytes);
        var assessment = SpineFilmGate.FromMetadata(image.Metadata);
        if (assessment.Refused)
        {
            return $"skipped (not an AP spine film: {string.Join("; ", assessment.Reasons)})";
        }

        LandmarkPrediction prediction;
        await detecting.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            // One analysis at a time: the detector's buffers are its own, and the two cores are better used by one.
            prediction = detector.Detect(image.ToGrayscale(), RadiographSpacing.Of(image), imageName: instance.SopInstanceUid);
        }
        finally
        {
            detecting.Release();
        }

        var models = AnalysisProvenance.ModelsOf(detector);
        var provenance = new AnalysisProvenance(softwareVersion, models, DateTimeOffset.UtcNow, Convert.ToHexStringLower(SHA256.HashData(bytes))) { Dicom = DicomInstance.Of(image.Metadata) };
        var software = ("SpineKit " + softwareVersion) is { Length: <= 64 } text ? text : ("SpineKit " + softwareVersion)[..64];
        var key = $"{instance.StudyInstanceUid}|{VersionKey}";
        var report = new DicomNewInstance(DicomUid.Derive("spinekit pacs report series|" + key), reportUid, 9001, "SpineKit measurements (research use only)", provenance.AnalyzedAt, software);
        var overlay = new DicomNewInstance(DicomUid.Derive("spinekit pacs overlay series|" + key), DicomUid.Derive($"spinekit pacs overlay|{instance.SopInstanceUid}|{VersionKey}"), 9002, "SpineKit overlay (research use only)", provenance.AnalyzedAt, software);
        var picture = OverlayRenderer.Render(image.RenderDisplay(), prediction);
        var files = new[]
        {
            DicomFileWriter.Write(CobbStructuredReport.Create(prediction, source, report, provenance, image.Metadata.FrameIndex)),
            DicomFileWriter.Write(DicomSecondaryCapture.Create(picture, source, overlay, image.Metadata.FrameIndex)),
        };
        await client.StoreAsync(instance.StudyInstanceUid, files, cancellation).ConfigureAwait(false);
        var vertebrae = prediction.Landmarks.Vertebrae;
        return $"analysed ({Anatomy.VertebraLevels.Name(vertebrae[0].Level)}-{Anatomy.VertebraLevels.Name(vertebrae[^1].Level)}, {prediction.Cobb.Clinical.Curves.Count} curves); report stored";
    }
}
