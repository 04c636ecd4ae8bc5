namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>A DICOM data element tag (group, element) packed as <c>group &lt;&lt; 16 | element</c>.</summary>
internal readonly record struct DicomTag(uint Value)
{
    public static readonly DicomTag MediaStorageSopClassUid = new(0x0002_0002);
    public static readonly DicomTag TransferSyntaxUid = new(0x0002_0010);
    public static readonly DicomTag SpecificCharacterSet = new(0x0008_0005);
    public static readonly DicomTag SopClassUid = new(0x0008_0016);
    public static readonly DicomTag SopInstanceUid = new(0x0008_0018);
    public static readonly DicomTag Modality = new(0x0008_0060);
    public static readonly DicomTag BodyPartExamined = new(0x0018_0015);
    public static readonly DicomTag ImagerPixelSpacing = new(0x0018_1164);
    public static readonly DicomTag ViewPosition = new(0x0018_5101);
    public static readonly DicomTag StudyInstanceUid = new(0x0020_000D);
    public static readonly DicomTag SeriesInstanceUid = new(0x0020_000E);
    public static readonly DicomTag PatientOrientation = new(0x0020_0020);
    public static readonly DicomTag Laterality = new(0x0020_0060);
    public static readonly DicomTag ImageLaterality = new(0x0020_0062);
    public static readonly DicomTag SamplesPerPixel = new(0x0028_0002);
    public static readonly DicomTag PhotometricInterpretation = new(0x0028_0004);
    public static readonly DicomTag PlanarConfiguration = new(0x0028_0006);
    public static readonly DicomTag NumberOfFrames = new(0x0028_0008);
    public static readonly DicomTag Rows = new(0x0028_0010);
    public static readonly DicomTag Columns = new(0x0028_0011);
    public static readonly DicomTag PixelSpacing = new(0x0028_0030);
    public static readonly DicomTag BitsAllocated = new(0x0028_0100);
    public static readonly DicomTag BitsStored = new(0x0028_0101);
    public static readonly DicomTag HighBit = new(0x0028_0102);
    public static readonly DicomTag PixelRepresentation = new(0x0028_0103);
    public static readonly DicomTag WindowCenter = new(0x0028_1050);
    public static readonly DicomTag WindowWidth = new(0x0028_1051);
    public static readonly DicomTag RescaleIntercept = new(0x0028_1052);
    public static readonly DicomTag RescaleSlope = new(0x0028_1053);
    public static readonly DicomTag VoiLutFunction = new(0x0028_1056);
    public static readonly DicomTag LutDescriptor = new(0x0028_3002);
    public static readonly DicomTag LutData = new(0x0028_3006);
    public static readonly DicomTag ModalityLutSequence = new(0x0028_3000);
    public static readonly DicomTag VoiLutSequence = new(0x0028_3010);
    public static readonly DicomTag PixelData = new(0x7FE0_0010);
    public static readonly DicomTag Item = new(0xFFFE_E000);
    public static readonly DicomTag ItemDelimitation = new(0xFFFE_E00D);
    public static readonly DicomTag SequenceDelimitation = new(0xFFFE_E0DD);

    public DicomTag(ushort group, ushort element)
        : this(((uint)group << 16) | element)
    {
    }

    public ushort Group => (ushort)(Value >> 16);

    public ushort Element => (ushort)Value;

    public override string ToString() => $"({Group:X4},{Element:X4})";
}
