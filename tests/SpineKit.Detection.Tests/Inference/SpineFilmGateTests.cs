using SpineKit.Anatomy;
using SpineKit.Anatomy.Cobb;
using SpineKit.Anatomy.Geometry;
using SpineKit.Detection.Inference;
using SpineKit.Imaging;

namespace SpineKit.Detection.Tests.Inference;

public sealed class SpineFilmGateTests
{
    [Fact]
    public void AnApSpineRadiographPasses()
    {
        Assert.Equal(FilmAssessment.Clear.Verdict, SpineFilmGate.FromMetadata(Dicom("DX", "SPINE", "AP")).Verdict);
        Assert.Equal(FilmVerdict.ApSpine, SpineFilmGate.FromMetadata(Dicom("CR", "TSPINE", "PA")).Verdict);
        Assert.Equal(FilmVerdict.ApSpine, SpineFilmGate.FromMetadata(Dicom("CR", "LSPINE", null)).Verdict);
        Assert.Empty(SpineFilmGate.FromMetadata(Plain(755, 2375)).Reasons);
    }

    [Theory]
    [InlineData("CT", "SPINE", "AP", FilmVerdict.NotSpine, "modality is CT")]
    [InlineData("US", null, null, FilmVerdict.NotSpine, "modality is US")]
    [InlineData("DX", "ANKLE", null, FilmVerdict.NotSpine, "body part examined is ANKLE")]
    [InlineData("DX", "CHEST", "PA", FilmVerdict.Unsure, "body part is CHEST")]
    [InlineData("CR", "CSPINE", "AP", FilmVerdict.Unsure, "cervical spine")]
    [InlineData("OT", "SPINE", "AP", FilmVerdict.Unsure, "modality is OT")]
    [InlineData("CR", "SPINE", "LL", FilmVerdict.LateralSpine, "lateral")]
    public void DicomAttributesDecide(string modality, string? part, string? view, FilmVerdict expected, string reason)
    {
        var assessment = SpineFilmGate.FromMetadata(Dicom(modality, part, view));

        Assert.Equal(expected, assessment.Verdict);
        Assert.Contains(assessment.Reasons, r => r.Contains(reason, StringComparison.Ordinal));
        Assert.Equal(expected is FilmVerdict.NotSpine or FilmVerdict.LateralSpine, assessment.Refused);
    }

    [Fact]
    public void TinyAndColourImagesAreCaught()
    {
        Assert.Equal(FilmVerdict.NotSpine, SpineFilmGate.FromMetadata(Plain(16, 16)).Verdict);
        var colour = Dicom("DX", "SPINE", "AP") with { PhotometricInterpretation = "YBR_FULL", Channels = 3 };
        Assert.Equal(FilmVerdict.Unsure, SpineFilmGate.FromMetadata(colour).Verdict);

        // The worst reason wins, and every reason is kept.
        var both = SpineFilmGate.FromMetadata(Dicom("CT", "CHEST", "LL") with { Width = 16 });
        Assert.Equal(FilmVerdict.NotSpine, both.Verdict);
        Assert.Equal(4, both.Reasons.Count);
    }

    [Fact]
    public void WeakOrScarceDetectionsMakeAResultUnsure()
    {
        Assert.Equal(FilmVerdict.ApSpine, SpineFilmGate.FromEvidence(Prediction(17, 0.7)).Verdict);
        var weak = SpineFilmGate.FromEvidence(Prediction(17, 0.3));
        Assert.Equal(FilmVerdict.Unsure, weak.Verdict);
        Assert.Contains("mean confidence is 0.30", Assert.Single(weak.Reasons), StringComparison.Ordinal);
        Assert.Contains("only 4 vertebrae", Assert.Single(SpineFilmGate.FromEvidence(Prediction(4, 0.8)).Reasons), StringComparison.Ordinal);

        // Inferred vertebrae (confidence 0) are not evidence either way.
        Assert.Equal(0.7, SpineFilmGate.MeanConfidence(Prediction(17, 0.7, inferred: 3)), 6);
    }

    private static RadiographMetadata Dicom(string modality, string? part, string? view) => new()
    {
        Format = ImageContainerFormat.Dicom,
        Width = 2000,
        Height = 4000,
        Channels = 1,
        BitDepth = 12,
        PhotometricInterpretation = "MONOCHROME2",
        Modality = modality,
        BodyPartExamined = part,
        ViewPosition = view,
    };

    private static RadiographMetadata Plain(int width, int height) => new()
    {
        Format = ImageContainerFormat.Jpeg,
        Width = width,
        Height = height,
        Channels = 1,
        BitDepth = 8,
        PhotometricInterpretation = "MONOCHROME2",
    };

    private static LandmarkPrediction Prediction(int count, double confidence, int inferred = 0)
    {
        var levels = VertebraLevels.Run(VertebraLevel.T1, count);
        var vertebrae = levels.Select((level, i) =>
        {
            var top = 100 + (i * 60);
            Point2[] corners = [new(400, top), new(500, top), new(400, top + 45), new(500, top + 45)];
            return Vertebra.FromCorners(level, corners, i < inferred ? 0 : confidence);
        }).ToList();
        var landmarks = new LandmarkSet(new ImageSize(900, 1300), vertebrae);
        return new LandmarkPrediction(landmarks, CobbAnalysis.Analyze(landmarks), 0.1);
    }
}
