using SpineKit.Imaging.Transforms;

namespace SpineKit.Imaging.Tests.Transforms;

/// <summary>Resize and warp against OpenCV 4.6 and Pillow 9.4 outputs of the same input.</summary>
public class OracleResizeTests
{
    private static readonly Image<float> Input = OracleFixture.Read("resize_input.txt");

    [Theory]
    [InlineData("resize_bilinear_24x20.txt", ResizeMode.Bilinear)]
    [InlineData("resize_bilinear_7x5.txt", ResizeMode.Bilinear)]
    [InlineData("resize_area_8x6.txt", ResizeMode.Area)]
    [InlineData("resize_area_6x5.txt", ResizeMode.Area)]
    [InlineData("resize_antialiased_pillow_6x5.txt", ResizeMode.Antialiased)]
    public void MatchesTheOracleEverywhere(string fixture, ResizeMode mode)
    {
        var expected = OracleFixture.Read(fixture);

        var result = Resize.Apply(Input, expected.Width, expected.Height, mode);

        Assert.InRange(TestImages.MaxDifference(expected.Pixels, result.Pixels), 0, 2e-6);
    }

    [Fact]
    public void BicubicMatchesOpenCvWithItsCoefficient()
    {
        var expected = OracleFixture.Read("resize_bicubic_opencv_24x20.txt");

        var result = Resize.Apply(Input, 24, 20, ResizeMode.Bicubic, Resize.OpenCvBicubicCoefficient);

        Assert.InRange(TestImages.MaxDifference(expected.Pixels, result.Pixels), 0, 2e-6);
    }

    [Fact]
    public void DefaultBicubicMatchesPillowAwayFromTheBorder()
    {
        // Pillow renormalises taps that fall outside the image where SpineKit replicates the edge, so only
        // pixels whose four taps are all inside are comparable.
        var expected = OracleFixture.Read("resize_bicubic_pillow_24x20.txt");

        var result = Resize.Apply(Input, 24, 20, ResizeMode.Bicubic);

        for (var y = 3; y < 17; y++)
        {
            for (var x = 3; x < 21; x++)
            {
                Assert.Equal(expected[x, y], result[x, y], 5);
            }
        }
    }

    [Fact]
    public void AffineWarpMatchesOpenCvWarpAffine()
    {
        var expected = OracleFixture.Read("warp_rotate30_scale1.1.txt");
        var centre = new System.Numerics.Vector2(8, 6);
        var transform = AffineTransform.Rotation(30, centre)
            .Then(AffineTransform.Scale(1.1, 1.1, centre))
            .Then(AffineTransform.Translation(0.7, -0.4));

        var result = AffineWarp.Apply(Input, transform, 16, 12, borderValue: 0.25f);

        // OpenCV quantises sample positions to 1/32 pixel, so each axis may be off by half of that times the step
        // between neighbours; the samples lie in [0.2, 0.9] beside a 0.25 border, so steps stay below 0.75.
        Assert.InRange(TestImages.MaxDifference(expected.Pixels, result.Pixels), 0, 2 * 0.75 / 64);
        var meanDifference = expected.Pixels.Zip(result.Pixels, (a, b) => Math.Abs(a - b)).Average();
        Assert.InRange(meanDifference, 0, 2e-3);
    }

    [Fact]
    public void GaussianBlurMatchesOpenCvWithReplicatedBorders()
    {
        var expected = OracleFixture.Read("blur_sigma1.5.txt");

        var result = GaussianBlur.Apply(Input, 1.5);

        Assert.InRange(TestImages.MaxDifference(expected.Pixels, result.Pixels), 0, 2e-6);
    }
}
