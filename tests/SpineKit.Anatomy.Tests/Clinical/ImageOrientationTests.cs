using SpineKit.Anatomy.Clinical;

namespace SpineKit.Anatomy.Tests.Clinical;

public class ImageOrientationTests
{
    [Theory]
    [InlineData("L\\F", CurveSide.ImageRight, PatientSide.Left)]   // the usual AP display: the patient's right on the image left
    [InlineData("L\\F", CurveSide.ImageLeft, PatientSide.Right)]
    [InlineData("R\\F", CurveSide.ImageRight, PatientSide.Right)]  // displayed as seen from behind
    [InlineData("r\\h", CurveSide.ImageLeft, PatientSide.Left)]
    [InlineData("LP\\F", CurveSide.ImageRight, PatientSide.Left)]
    public void ACurvesPatientSideFollowsTheRowDirection(string orientation, CurveSide imageSide, PatientSide expected) =>
        Assert.Equal(expected, ImageOrientation.Parse(orientation)!.PatientSideOf(imageSide));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("A\\F")]
    [InlineData("\\")]
    public void WithoutALeftRightRowDirectionTheSideStaysOnTheImage(string? orientation) =>
        Assert.Null(ImageOrientation.Parse(orientation));
}
