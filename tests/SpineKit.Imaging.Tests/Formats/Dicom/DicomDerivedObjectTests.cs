using SpineKit.Imaging.Formats.Dicom;
using SpineKit.TestSupport;

namespace SpineKit.Imaging.Tests.Formats.Dicom;

/// <summary>
/// Objects derived from a source image: the patient and study copied (the source made by dcmtk's <c>dump2dcm</c>
/// in ISO_IR 100, so the copy must convert its text to UTF-8), and a Secondary Capture that our reader, dcmtk
/// and dciodvfy all accept.
/// </summary>
public sealed class DicomDerivedObjectTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("spinekit-dicom-derived-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void PatientAndStudyAreCopiedFromALatin1SourceAsUtf8()
    {
        var source = DicomPatientStudy.Read(File.ReadAllBytes(Source("ISO_IR 100")));

        Assert.Equal("1.2.826.0.1.3680043.2.1125.1", source.StudyInstanceUid);
        Assert.Equal("1.2.826.0.1.3680043.2.1125.2", source.SeriesInstanceUid);
        Assert.Equal("1.2.840.10008.5.1.4.1.1.1.1", source.SopClassUid);
        Assert.Equal("1.2.826.0.1.3680043.2.1125.3", source.SopInstanceUid);
        Assert.Equal("L\\F", source.PatientOrientation);
        Assert.DoesNotContain("ller", source.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("PID", source.ToString(), StringComparison.Ordinal);

        var copy = new DicomDatasetBuilder();
        source.CopyTo(copy);
        Assert.Equal("Müller^Zoë", copy.GetText(0x0010, 0x0010));
        Assert.Equal("PID-42", copy.GetText(0x0010, 0x0020));
        Assert.Equal("20080401", copy.GetText(0x0010, 0x0030));
        Assert.Equal("F", copy.GetText(0x0010, 0x0040));
        Assert.Equal("ACC-9", copy.GetText(0x0008, 0x0050));
        Assert.Equal(string.Empty, copy.GetText(0x0008, 0x0090));
        Assert.Equal(string.Empty, copy.GetText(0x0020, 0x0010));
        Assert.Equal("1.2.826.0.1.3680043.2.1125.1", copy.GetText(0x0020, 0x000D));
    }

    [Fact]
    public void ASourceInACharacterSetWeCannotConvertIsRefusedWithoutItsValues()
    {
        var error = Assert.Throws<ImageFormatException>(() => DicomPatientStudy.Read(File.ReadAllBytes(Source("ISO_IR 144"))));

        Assert.Contains("Patient's Name", error.Message, StringComparison.Ordinal);
        Assert.Contains("ISO_IR 144", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ller", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidDescriptiveValuesAreLeftOutAndInvalidIdentifiersRefuseTheSource()
    {
        // An age without its unit and an unknown sex (as real archives hold): left out, the copy still conforms.
        var copy = new DicomDatasetBuilder();
        DicomPatientStudy.Read(File.ReadAllBytes(Source("ISO_IR 100", "(0010,1010) AS [81]\n(0010,0040) CS [U]"))).CopyTo(copy);
        Assert.False(copy.Contains(0x0010, 0x1010));
        Assert.Equal(string.Empty, copy.GetText(0x0010, 0x0040));

        // An accession number too long for SH: the report could not be matched to its order, so the source is refused.
        var error = Assert.Throws<ImageFormatException>(() => DicomPatientStudy.Read(File.ReadAllBytes(Source("ISO_IR 100", "(0008,0050) SH [ACCESSION-NUMBER-TOO-LONG]"))));
        Assert.Contains("Accession Number (0008,0050) is not a valid SH value", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("TOO-LONG", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(1)]
    public void ASecondaryCaptureReadsBackAndConformsToItsIod(int channels)
    {
        var random = new Random(18);
        var picture = new Image<byte>(37, 21, channels);
        random.NextBytes(picture.Pixels);
        var source = DicomPatientStudy.Read(File.ReadAllBytes(Source("ISO_IR 100")));
        var instance = new DicomNewInstance(DicomUid.New(), DicomUid.New(), 9001, "SpineKit overlay", new DateTimeOffset(2026, 12, 6, 5, 1, 2, TimeSpan.FromHours(1)), "SpineKit 1.0");

        var file = DicomFileWriter.Write(DicomSecondaryCapture.Create(picture, source, instance));
        var path = Path.Combine(folder, "sc.dcm");
        File.WriteAllBytes(path, file);

        var read = ImageReader.Read(file);
        Assert.Equal((37, 21), (read.Pixels.Width, read.Pixels.Height));
        Assert.Equal(picture.Pixels, ((Image<byte>)read.Pixels).Pixels);
        Assert.Equal(instance.SopInstanceUid, read.Metadata.SopInstanceUid);
        Assert.Equal(source.StudyInstanceUid, read.Metadata.StudyInstanceUid);

        var (errors, _, text) = DicomTools.Verify(path);
        Assert.True(errors.Count == 0, text);
        var (exit, dump, _) = DicomTools.Run("dcmdump", "-q", "+U8", path);
        Assert.Equal(0, exit);
        Assert.Contains("(0010,0010) PN [Müller^Zoë]", dump);
        Assert.Contains("(0008,0013) TM [040102]", dump);
        Assert.Contains("(0008,0201) SH [+0000]", dump);
        Assert.Contains("(0020,0020) CS [L\\F]", dump);
    }

    /// <summary>A DX source written by dcmtk from a text dump, its name in the given character set's bytes.</summary>
    private string Source(string characterSet, string? replacing = null)
    {
        var text = $"""
            (0008,0005) CS [{characterSet}]
            (0008,0016) UI [1.2.840.10008.5.1.4.1.1.1.1]
            (0008,0018) UI [1.2.826.0.1.3680043.2.1125.3]
            (0008,0050) SH [ACC-9]
            (0010,0010) PN [M~ller^Zo#]
            (0010,0020) LO [PID-42]
            (0010,0030) DA [20080401]
            (0010,0040) CS [F]
            (0020,000d) UI [1.2.826.0.1.3680043.2.1125.1]
            (0020,000e) UI [1.2.826.0.1.3680043.2.1125.2]
            (0020,0020) CS [L\F]
            (0028,0010) US 2
            (0028,0011) US 2
            (7fe0,0010) OW 0000\0001\0002\0003
            """;

        if (replacing is not null)
        {
            // Each replacement takes the place of the line with its tag (dump2dcm puts the elements in tag order).
            foreach (var line in replacing.Split('\n'))
            {
                var tag = line[..11];
                text = string.Join('\n', text.Split('\n').Where(l => !l.StartsWith(tag, StringComparison.Ordinal)).Append(line));
            }
        }

        // ü and ë as single Latin-1 bytes (ISO_IR 144, Cyrillic, maps those bytes to other letters).
        var bytes = System.Text.Encoding.Latin1.GetBytes(text.Replace('~', 'ü').Replace('#', 'ë'));
        var dump = Path.Combine(folder, $"source-{Guid.NewGuid()}.txt");
        var output = Path.ChangeExtension(dump, ".dcm");
        File.WriteAllBytes(dump, bytes);
        var (exit, _, error) = DicomTools.Run("dump2dcm", dump, output);
        Assert.True(exit == 0, error);
        return output;
    }
}
