using SpineKit.Detection.Networks;
using SpineKit.Detection.Refinement;
using SpineKit.Detection.Segmentation.Networks;

namespace SpineKit.Detection.Tests;

/// <summary>
/// The network configurations compare their width lists value by value: each side below gets its own array,
/// so the generated record equality (array references) would call every pair different.
/// </summary>
public class ConfigEqualityTests
{
    [Fact]
    public void LandmarkConfigsWithEqualWidthsInDifferentArraysAreEqual()
    {
        static VertebraNetConfig Make(int lastWidth) => new(64, 128, [4, 8, 8, 16, lastWidth], 8, 4) { LevelChannel = true };

        AssertValueEquality(Make(16), Make(16), Make(32));
        Assert.NotEqual(Make(16), Make(16) with { LevelChannel = false });
        Assert.NotEqual(Make(16), Make(16) with { Normalization = InputNormalization.ClaheStandardize });
    }

    [Fact]
    public void SegmentationConfigsWithEqualWidthsInDifferentArraysAreEqual()
    {
        static SegmentationNetConfig Make(int firstWidth) => new(SegmentationArchitecture.SeResidual, 128, 256, [firstWidth, 12, 24, 48]);

        AssertValueEquality(Make(6), Make(6), Make(8));
        Assert.NotEqual(Make(6), Make(6) with { Architecture = SegmentationArchitecture.AttentionSeResidual });
        Assert.NotEqual(Make(6), Make(6) with { Widths = [6, 12, 24] });
    }

    [Fact]
    public void RefinerConfigsWithEqualWidthsInDifferentListsAreEqual()
    {
        static CornerRefinerConfig Make(int secondWidth) => new(32, 1.7, new List<int> { 4, secondWidth, 8, 8 }, 8);

        AssertValueEquality(Make(4), Make(4), Make(5));
        Assert.NotEqual(Make(4), Make(4) with { Context = 1.5 });
    }

    [Fact]
    public void ConfigsReadFromTheSameMetadataTwiceAreEqual()
    {
        var metadata = VertebraNetConfig.Default.ToMetadata();

        Assert.True(VertebraNetConfig.FromMetadata(metadata) == VertebraNetConfig.FromMetadata(metadata));
        Assert.True(SegmentationNetConfig.FromMetadata(SegmentationNetConfig.Default.ToMetadata()) == SegmentationNetConfig.Default);
        Assert.True(CornerRefinerConfig.FromMetadata(CornerRefinerConfig.Default.ToMetadata()) == CornerRefinerConfig.Default);
    }

    private static void AssertValueEquality<T>(T config, T sameValues, T oneWidthDiffers)
        where T : class, IEquatable<T>
    {
        Assert.NotSame(config, sameValues);
        Assert.True(config.Equals(sameValues));
        Assert.True(Equals(config, sameValues), "object.Equals must agree with IEquatable");
        Assert.Equal(config.GetHashCode(), sameValues.GetHashCode());
        Assert.Contains(sameValues, new HashSet<T> { config });

        Assert.False(config.Equals(oneWidthDiffers));
        Assert.False(config.Equals(null));
        Assert.DoesNotContain(oneWidthDiffers, new HashSet<T> { config });
    }
}
