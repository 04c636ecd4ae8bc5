using System.Globalization;

namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>
/// The modules every object derived from a source image shares: SOP Common (with ISO_IR 192, UTF-8, as the
/// character set), Patient and General Study copied from the source, a new series, and General Equipment naming
/// the writing software. Times are UTC, stated by Timezone Offset From UTC +0000.
/// </summary>
public static class DicomDerivedModules
{
    /// <summary>Writes the shared modules for an object of <paramref name="sopClassUid"/> and <paramref name="modality"/>.</summary>
    public static DicomDatasetBuilder Create(DicomPatientStudy source, DicomNewInstance instance, string sopClassUid, string modality)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(instance);
        var dataset = new DicomDatasetBuilder();
        var utc = instance.CreatedAt.ToUniversalTime();
        var date = utc.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var time = utc.ToString("HHmmss", CultureInfo.InvariantCulture);

        // SOP Common.
        dataset.AddText(0x0008, 0x0005, "CS", "ISO_IR 192")
            .AddText(0x0008, 0x0012, "DA", date)
            .AddText(0x0008, 0x0013, "TM", time)
            .AddText(0x0008, 0x0016, "UI", sopClassUid)
            .AddText(0x0008, 0x0018, "UI", instance.SopInstanceUid)
            .AddText(0x0008, 0x0201, "SH", "+0000");

        source.CopyTo(dataset);

        // The new series, and the equipment that made it.
        dataset.AddText(0x0008, 0x0021, "DA", date)
            .AddText(0x0008, 0x0031, "TM", time)
            .AddText(0x0008, 0x0060, "CS", modality)
            .AddText(0x0008, 0x103E, "LO", instance.SeriesDescription)
            .AddText(0x0020, 0x000E, "UI", instance.SeriesInstanceUid)
            .AddInteger(0x0020, 0x0011, instance.SeriesNumber)
            .AddText(0x0008, 0x0070, "LO", instance.Manufacturer)
            .AddText(0x0008, 0x1090, "LO", instance.ModelName)
            .AddText(0x0018, 0x1020, "LO", instance.SoftwareVersion)
            .AddText(0x0008, 0x0023, "DA", date)
            .AddText(0x0008, 0x0033, "TM", time)
            .AddInteger(0x0020, 0x0013, 1);
        return dataset;
    }
}
