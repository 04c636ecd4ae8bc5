using System.Collections.Frozen;
using System.Text;

namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>
/// The Patient and General Study module attributes of a source image, with the identifiers of the image itself,
/// held only to be copied into the objects derived from it (a report or a secondary capture must join the
/// source's patient and study, PS3.3 C.7.1.1 and C.7.2.1). The values never leave this object except through
/// <see cref="CopyTo"/>: <see cref="ToString"/> withholds them, so they cannot reach a log by accident. Text is
/// decoded from the source's Specific Character Set and written again as UTF-8.
/// </summary>
public sealed class DicomPatientStudy
{
    // The attributes copied, with their VR, whether the module makes them type 2 (written empty when unknown), and
    // whether they identify the patient or study: an identifying value that is not valid DICOM refuses the source
    // (dropping it would file the report under another patient), any other invalid value is left out (type 3)
    // or written empty (type 2), as if the source had not stated it.
    private static readonly (DicomTag Tag, string Vr, bool Type2, bool Identifying, string Name)[] Copied =
    [
        (new DicomTag(0x0008, 0x0020), "DA", true, false, "Study Date"),
        (new DicomTag(0x0008, 0x0030), "TM", true, false, "Study Time"),
        (new DicomTag(0x0008, 0x0050), "SH", true, true, "Accession Number"),
        (new DicomTag(0x0008, 0x0090), "PN", true, false, "Referring Physician's Name"),
        (new DicomTag(0x0008, 0x1030), "LO", false, false, "Study Description"),
        (new DicomTag(0x0010, 0x0010), "PN", true, true, "Patient's Name"),
        (new DicomTag(0x0010, 0x0020), "LO", true, true, "Patient ID"),
        (new DicomTag(0x0010, 0x0021), "LO", false, true, "Issuer of Patient ID"),
        (new DicomTag(0x0010, 0x0030), "DA", true, false, "Patient's Birth Date"),
        (new DicomTag(0x0010, 0x0040), "CS", true, false, "Patient's Sex"),
        (new DicomTag(0x0010, 0x1010), "AS", false, false, "Patient's Age"),
        (new DicomTag(0x0020, 0x0010), "SH", true, true, "Study ID"),
    ];

    private static readonly FrozenSet<DicomTag> Kept = Copied.Select(c => c.Tag).Concat(
    [
        DicomTag.SpecificCharacterSet, DicomTag.SopClassUid, DicomTag.MediaStorageSopClassUid, DicomTag.SopInstanceUid,
        DicomTag.StudyInstanceUid, DicomTag.SeriesInstanceUid, DicomTag.NumberOfFrames, DicomTag.PatientOrientation, DicomTag.BodyPartExamined,
    ]).ToFrozenSet();

    private readonly IReadOnlyList<(DicomTag Tag, string Vr, string? Value)> values;

    private DicomPatientStudy(IReadOnlyList<(DicomTag, string, string?)> values, string studyInstanceUid, string seriesInstanceUid, string sopClassUid, string sopInstanceUid, int numberOfFrames, string? patientOrientation, string? bodyPartExamined)
    {
        PatientOrientation = patientOrientation;
        BodyPartExamined = bodyPartExamined;
        this.values = values;
        StudyInstanceUid = studyInstanceUid;
        SeriesInstanceUid = seriesInstanceUid;
        SopClassUid = sopClassUid;
        SopInstanceUid = sopInstanceUid;
        NumberOfFrames = numberOfFrames;
    }

    /// <summary>The source's Study Instance UID, which derived objects share.</summary>
    public string StudyInstanceUid { get; }

    /// <summary>The source image's Series Instance UID, for references to it.</summary>
    public string SeriesInstanceUid { get; }

    /// <summary>The source image's SOP Class UID (from (0008,0016), else the meta group's (0002,0002)).</summary>
    public string SopClassUid { get; }

    /// <summary>The source image's SOP Instance UID.</summary>
    public string SopInstanceUid { get; }

    /// <summary>The source's Number of Frames (1 for a single-frame image): references name a frame only when there are several.</summary>
    public int NumberOfFrames { get; }

    /// <summary>The source's Patient Orientation (0020,0020), which an image of the same geometry repeats; null when absent or malformed.</summary>
    public string? PatientOrientation { get; }

    /// <summary>The source's Body Part Examined (0018,0015), which an image of the same film repeats; null when absent or malformed.</summary>
    public string? BodyPartExamined { get; }

    /// <summary>Reads the attributes from a DICOM file's bytes.</summary>
    /// <exception cref="ImageFormatException">
    /// The file is not DICOM, lacks a UID a reference needs, or holds text that cannot be converted to UTF-8 or
    /// copied as valid DICOM (the message names the attribute, never its value).
    /// </exception>
    public static DicomPatientStudy Read(ReadOnlySpan<byte> file, ImageReadOptions? options = null)
    {
        var (dataset, _) = DicomFileReader.Read(file, (options ?? ImageReadOptions.Default).MaxInflatedBytes, Kept);
        var characterSet = dataset.GetString(DicomTag.SpecificCharacterSet);
        var decoded = new List<(DicomTag, string, string?)>();
        foreach (var (tag, vr, _, identifying, name) in Copied)
        {
            var text = Decode(dataset, tag, characterSet, name);
            if (text is not null && !IsValid(tag, vr, text))
            {
                text = identifying
                    ? throw new ImageFormatException("DICOM", $"the source's {name} {tag} is not a valid {vr} value, so it cannot be copied into a derived object", dataset.Find(tag)!.Offset)
                    : null;
            }

            decoded.Add((tag, vr, text));
        }

        string RequiredUid(DicomTag tag, string name, DicomTag? fallback = null)
        {
            var uid = dataset.GetString(tag) ?? (fallback is { } other ? dataset.GetString(other) : null);
            return DicomUid.IsValid(uid)
                ? uid!
                : throw new ImageFormatException("DICOM", $"the source has no valid {name} {tag}, which an object derived from it must reference", dataset.EndOffset);
        }

        return new DicomPatientStudy(
            decoded,
            RequiredUid(DicomTag.StudyInstanceUid, "Study Instance UID"),
            RequiredUid(DicomTag.SeriesInstanceUid, "Series Instance UID"),
            RequiredUid(DicomTag.SopClassUid, "SOP Class UID", DicomTag.MediaStorageSopClassUid),
            RequiredUid(DicomTag.SopInstanceUid, "SOP Instance UID"),
            Math.Max(1, (int)Math.Round(dataset.GetDecimalsOrEmpty(DicomTag.NumberOfFrames).FirstOrDefault(1))),
            ValidCodeString(DicomTag.PatientOrientation, dataset.GetString(DicomTag.PatientOrientation)),
            ValidCodeString(DicomTag.BodyPartExamined, dataset.GetString(DicomTag.BodyPartExamined)));
    }

    /// <summary>
    /// Writes the Patient module, the General Study module (with the source's Study Instance UID) and the
    /// Patient Study attributes known, type 2 attributes empty when the source lacks them.
    /// </summary>
    public void CopyTo(DicomDatasetBuilder target)
    {
        ArgumentNullException.ThrowIfNull(target);
        for (var i = 0; i < Copied.Length; i++)
        {
            var (tag, vr, type2, _, _) = Copied[i];
            if (values[i].Value is { } text)
            {
                target.AddText(tag.Group, tag.Element, vr, text.Split('\\'));
            }
            else if (type2)
            {
                target.AddText(tag.Group, tag.Element, vr);
            }
        }

        target.AddText(DicomTag.StudyInstanceUid.Group, DicomTag.StudyInstanceUid.Element, "UI", StudyInstanceUid);
    }

    /// <summary>
    /// The Referenced Frame Number (1-based) for frame <paramref name="frameIndex"/> (0-based) of the source, or null
    /// for a single-frame source, where a reference names the whole image.
    /// </summary>
    public int? ReferencedFrame(int frameIndex) => NumberOfFrames > 1 ? frameIndex + 1 : null;

    /// <summary>Withholds the values (they may identify the patient).</summary>
    public override string ToString() => "DICOM patient and study attributes (values withheld)";

    /// <summary>True when our writer accepts the value (checked now, so the copy cannot fail later); Patient's Sex must be M, F or O.</summary>
    private static bool IsValid(DicomTag tag, string vr, string text)
    {
        if (tag == new DicomTag(0x0010, 0x0040) && text is not ("M" or "F" or "O"))
        {
            return false;
        }

        try
        {
            DicomValueEncoder.EncodeText(tag, vr, text.Split('\\'));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string? ValidCodeString(DicomTag tag, string? value)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            DicomValueEncoder.EncodeText(tag, "CS", value.Split('\\'));
            return value;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string? Decode(DicomDataset dataset, DicomTag tag, string? characterSet, string name)
    {
        if (dataset.Find(tag) is not { } element)
        {
            return null;
        }

        var bytes = element.Value;
        // Several values mean ISO 2022 code extensions, which only ASCII text (below) survives unconverted.
        var encoding = (characterSet ?? string.Empty).Contains('\\') ? null : (characterSet ?? string.Empty).Trim() switch
        {
            "" or "ISO_IR 6" or "ISO 2022 IR 6" => Encoding.Latin1,
            "ISO_IR 100" or "ISO 2022 IR 100" => Encoding.Latin1,
            "ISO_IR 192" => Encoding.UTF8,
            _ => null,
        };

        // Text that is plain ASCII reads the same in every DICOM character set (ISO 2022 escapes start with ESC, not ASCII text).
        if (encoding is null && bytes.All(b => b is >= 0x20 and < 0x7F))
        {
            encoding = Encoding.ASCII;
        }

        if (encoding is null)
        {
            throw new ImageFormatException("DICOM", $"the source's {name} {tag} is in character set '{characterSet}', which SpineKit cannot convert to UTF-8", element.Offset);
        }

        var text = encoding.GetString(bytes).TrimEnd(' ', '\0').TrimStart(' ');
        return text.Length == 0 ? null : text;
    }
}
