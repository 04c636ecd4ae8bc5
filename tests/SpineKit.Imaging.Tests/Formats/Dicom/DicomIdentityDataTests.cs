using SpineKit.TestSupport;

namespace SpineKit.Imaging.Tests.Formats.Dicom;

/// <summary>
/// The study, series and SOP instance UIDs of a real DICOM file reach the metadata unchanged (trailing padding
/// removed). The expected values were read from the file's bytes by hand (elements (0020,000D), (0020,000E) and
/// (0008,0018), explicit VR little endian), not through our reader.
/// </summary>
[Trait("Category", SharedData.Category)]
public sealed class DicomIdentityDataTests
{
    [Fact]
    public void TheUidsOfARealFileAreRead()
    {
        var metadata = ImageReader.Read(SharedData.PathOf("datasets/dicom-samples/nhsx-dx-chest.dcm")).Metadata;

        Assert.Equal("1.3.6.1.4.1.11129.5.5.112507010803284478207522016832191866964708", metadata.StudyInstanceUid);
        Assert.Equal("1.3.6.1.4.1.11129.5.5.112630850362182468372440828755218293352329", metadata.SeriesInstanceUid);
        Assert.Equal("1.3.6.1.4.1.11129.5.5.110503645592756492463169821050252582267888", metadata.SopInstanceUid);
    }

    [Fact]
    public void ThePatientOrientationOfARealFileIsRead()
    {
        // (0020,0020) CS "L\F" in the file's bytes: rows run to the patient's left, columns to the feet.
        Assert.Equal("L\\F", ImageReader.Read(SharedData.PathOf("datasets/dicom-samples/pydicom-cspine-CR1-6154.dcm")).Metadata.PatientOrientation);
    }

    [Fact]
    public void AFileWithoutUidsHasNone()
    {
        var metadata = ImageReader.Read(RepositoryFiles.Sample).Metadata;

        Assert.Null(metadata.StudyInstanceUid);
        Assert.Null(metadata.SopInstanceUid);
    }
}
