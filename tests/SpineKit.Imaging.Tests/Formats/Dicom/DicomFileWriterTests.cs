using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Text;
using SpineKit.Imaging.Formats.Dicom;
using SpineKit.TestSupport;

namespace SpineKit.Imaging.Tests.Formats.Dicom;

/// <summary>
/// The Part 10 writer: file meta group, every VR's encoding and padding, sequences of both length forms, read
/// back by our parser and by dcmtk's <c>dcmdump</c> (the independent oracle; its text is compared with values
/// typed here, not with our reader's).
/// </summary>
public sealed class DicomFileWriterTests : IDisposable
{
    private const string SopClass = "1.2.840.10008.5.1.4.1.1.7";
    private const string SopInstance = "2.25.12345678901234567890";
    private readonly string folder = Directory.CreateTempSubdirectory("spinekit-dicom-writer-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void TheFileMetaGroupIsWhatPart10Requires()
    {
        var file = DicomFileWriter.Write(Minimal());

        Assert.All(file.AsSpan(0, 128).ToArray(), b => Assert.Equal(0, b));
        Assert.Equal("DICM", Encoding.ASCII.GetString(file, 128, 4));

        // (0002,0000) UL, 4 bytes, whose value counts the bytes up to the first element outside group 0002.
        Assert.Equal(0x0002, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(132)));
        Assert.Equal(0x0000, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(134)));
        Assert.Equal("UL", Encoding.ASCII.GetString(file, 136, 2));
        var groupLength = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(140));
        var datasetStart = 144 + (int)groupLength;
        Assert.Equal(0x0008, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(datasetStart)));
        Assert.Equal(0x0002, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(datasetStart - 8 - 10)));

        var dump = Dump(file);
        Assert.Contains("(0002,0001) OB 00\\01", dump);
        Assert.Contains($"(0002,0002) UI =SecondaryCaptureImageStorage", dump);
        Assert.Contains($"(0002,0003) UI [{SopInstance}]", dump);
        Assert.Contains("(0002,0010) UI =LittleEndianExplicit", dump);
        Assert.Contains($"(0002,0012) UI [{DicomUid.ImplementationClassUid}]", dump);
        Assert.Contains($"(0002,0013) SH [{DicomFileWriter.ImplementationVersionName}]", dump);
        Assert.Contains("# Used TransferSyntax: Little Endian Explicit", dump);
    }

    [Fact]
    public void EveryValueRepresentationReachesDcmdumpPaddedToAnEvenLength()
    {
        var dataset = Minimal()
            .AddText(0x0008, 0x0005, "CS", "ISO_IR 192")
            .AddText(0x0008, 0x0008, "CS", "DERIVED", "SECONDARY")
            .AddText(0x0008, 0x0020, "DA", "20261206")
            .AddText(0x0008, 0x0030, "TM", "042301")
            .AddText(0x0008, 0x1030, "LO", "abc")
            .AddText(0x0010, 0x0010, "PN", "Müller^Zoë")
            .AddText(0x0010, 0x0020, "LO", "ID-7")
            .AddText(0x0010, 0x1010, "AS", "014Y")
            .AddText(0x0020, 0x0010, "SH", "S1")
            .AddInteger(0x0020, 0x0013, 12)
            .AddDecimal(0x0028, 0x0030, 0.125, 0.5)
            .AddText(0x0040, 0xA160, "UT", "odd")
            .AddUInt16(0x0028, 0x0010, 512)
            .AddUInt32(0x0040, 0xA132, 7)
            .AddFloat32(0x0070, 0x0022, "FL", 1.5f, 2.25f)
            .AddFloat64(0x0040, 0xA161, "FD", 3.25)
            .AddBytes(0x0009, 0x0010, "UN", [1, 2, 3]);
        var file = DicomFileWriter.Write(dataset);

        var dump = Dump(file);
        Assert.Contains("(0008,0005) CS [ISO_IR 192]", dump);
        Assert.Contains("(0008,0008) CS [DERIVED\\SECONDARY]", dump);
        Assert.Matches(@"\(0008,1030\) LO \[abc ?\]\s+#\s+4, 1 StudyDescription", dump);
        Assert.Matches(@"\(0010,0010\) PN \[Müller\^Zoë\]\s+#\s+12, 1 PatientName", dump);
        Assert.Matches(@"\(0008,0018\) UI \[2\.25\.12345678901234567890\]\s+#\s+26, 1 SOPInstanceUID", dump);
        Assert.Matches(@"\(0010,1010\) AS \[014Y\]\s+#\s+4, 1 PatientAge", dump);
        Assert.Matches(@"\(0020,0013\) IS \[12\]\s+#\s+2, 1 InstanceNumber", dump);
        Assert.Matches(@"\(0028,0030\) DS \[0\.125\\0\.5\]\s+#\s+10, 2 PixelSpacing", dump);
        Assert.Matches(@"\(0040,a160\) UT \[odd ?\]\s+#\s+4, 1 TextValue", dump);
        Assert.Matches(@"\(0028,0010\) US 512\s+#\s+2, 1 Rows", dump);
        Assert.Matches(@"\(0040,a132\) UL 7\s+#\s+4, 1 ReferencedSamplePositions", dump);
        Assert.Matches(@"\(0070,0022\) FL 1\.5\\2\.25\s+#\s+8, 2 GraphicData", dump);
        Assert.Matches(@"\(0040,a161\) FD 3\.25\s+#\s+8, 1 FloatingPointValue", dump);
        Assert.Matches(@"\(0009,0010\) UN 01\\02\\03\\00\s+#\s+4, 1", dump);

        // Every element's length is even: dcmdump's "# n," column.
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(dump, @"#\s+(\d+),"))
        {
            Assert.Equal(0, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) % 2);
        }

        // Our parser reads the same bytes back: UTF-8 text, the 25-character UID padded with a NUL.
        var (read, syntax) = DicomFileReader.Read(file, 1 << 20, new[] { new DicomTag(0x0010, 0x0010), DicomTag.SopInstanceUid, DicomTag.PixelSpacing, DicomTag.Rows }.ToFrozenSet());
        Assert.Equal(DicomTransferSyntax.ExplicitVrLittleEndian, syntax);
        Assert.Equal("Müller^Zoë", Encoding.UTF8.GetString(read.Find(new DicomTag(0x0010, 0x0010))!.Value));
        Assert.Equal(SopInstance + "\0", Encoding.ASCII.GetString(read.Find(DicomTag.SopInstanceUid)!.Value));
        Assert.Equal([0.125, 0.5], read.GetDecimals(DicomTag.PixelSpacing));
        Assert.Equal(512, read.GetUInt16(DicomTag.Rows, 0));
    }

    [Theory]
    [InlineData(DicomSequenceLength.Defined, "explicit")]
    [InlineData(DicomSequenceLength.Undefined, "undefined")]
    public void NestedSequencesOfEitherLengthFormReadBack(DicomSequenceLength length, string dcmdumpWord)
    {
        var inner = new DicomDatasetBuilder().AddText(0x0008, 0x0104, "LO", "inner meaning");
        var items = new[]
        {
            new DicomDatasetBuilder().AddText(0x0040, 0xA040, "CS", "CONTAINER").AddSequence(0x0040, 0xA043, [inner], length),
            new DicomDatasetBuilder().AddText(0x0040, 0xA040, "CS", "TEXT"),
        };
        var file = DicomFileWriter.Write(Minimal().AddSequence(0x0040, 0xA730, items, length).AddSequence(0x0008, 0x1111, [], length));

        var dump = Dump(file);
        Assert.Contains($"(0040,a730) SQ (Sequence with {dcmdumpWord} length #=2)", dump);
        Assert.Contains($"(0040,a043) SQ (Sequence with {dcmdumpWord} length #=1)", dump);
        Assert.Contains($"(0008,1111) SQ (Sequence with {dcmdumpWord} length #=0)", dump);
        Assert.Contains($"(fffe,e000) na (Item with {dcmdumpWord} length #=2)", dump);
        Assert.Contains("(0008,0104) LO [inner meaning]", dump);

        var content = new DicomTag(0x0040, 0xA730);
        var concept = new DicomTag(0x0040, 0xA043);
        var (read, _) = DicomFileReader.Read(file, 1 << 20, new[] { content, concept, new DicomTag(0x0040, 0xA040), new DicomTag(0x0008, 0x0104) }.ToFrozenSet());
        var sequence = read.Find(content)!;
        Assert.Equal(2, sequence.Items.Count);
        Assert.Equal("CONTAINER", sequence.Items[0].GetString(new DicomTag(0x0040, 0xA040)));
        Assert.Equal("TEXT", sequence.Items[1].GetString(new DicomTag(0x0040, 0xA040)));
        Assert.Equal("inner meaning", sequence.Items[0].Find(concept)!.Items.Single().GetString(new DicomTag(0x0008, 0x0104)));
    }

    [Theory]
    [InlineData("CS", "lower", "does not allow")]
    [InlineData("CS", "SEVENTEEN_CHARS_X", "maximum of 16")]
    [InlineData("UI", "1.02.3", "not a well-formed UID")]
    [InlineData("DA", "2026-1-6", "does not allow")]
    [InlineData("LO", "a\\b", "does not allow")]
    [InlineData("AS", "81", "does not have the form")]
    [InlineData("TM", "2500", "does not have the form")]
    [InlineData("DA", "2026", "does not have the form")]
    [InlineData("SH", "line\nbreak", "does not allow")]
    public void AValueThatBreaksItsVrRulesIsRefusedWhereItIsSet(string vr, string value, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => new DicomDatasetBuilder().AddText(0x0008, 0x0060, vr, value));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("(0008,0060)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheMetaGroupAndAMissingSopInstanceAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new DicomDatasetBuilder().AddText(0x0002, 0x0010, "UI", "1.2"));
        Assert.Throws<ArgumentException>(() => new DicomDatasetBuilder().AddText(0x0008, 0x0005, "LT", "a", "b"));
        Assert.Throws<ArgumentException>(() => new DicomDatasetBuilder().AddBytes(0x7FE0, 0x0010, "OW", [1, 2, 3]));
        Assert.Throws<ArgumentException>(() => new DicomDatasetBuilder().AddFloat64(0x0040, 0xA161, "FD", double.NaN));
        var error = Assert.Throws<ArgumentException>(() => DicomFileWriter.Write(new DicomDatasetBuilder().AddText(0x0008, 0x0016, "UI", SopClass)));
        Assert.Contains("SOP Instance UID", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.125, "0.125")]
    [InlineData(-12.5, "-12.5")]
    [InlineData(1.0 / 3, "0.33333333333333")]
    [InlineData(123456789.123456789, "123456789.123457")]
    public void DecimalStringsFitSixteenCharacters(double value, string expected) =>
        Assert.Equal(expected, DicomValueEncoder.DecimalString(value));

    private static DicomDatasetBuilder Minimal() =>
        new DicomDatasetBuilder().AddText(0x0008, 0x0016, "UI", SopClass).AddText(0x0008, 0x0018, "UI", SopInstance);

    private string Dump(byte[] file)
    {
        var path = Path.Combine(folder, Guid.NewGuid() + ".dcm");
        File.WriteAllBytes(path, file);
        var (exit, output, error) = DicomTools.Run("dcmdump", "-q", "+L", path);
        Assert.True(exit == 0, $"dcmdump failed ({exit}): {error}");
        return output;
    }
}
