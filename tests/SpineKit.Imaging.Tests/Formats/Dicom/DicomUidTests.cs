using SpineKit.Imaging.Formats.Dicom;

namespace SpineKit.Imaging.Tests.Formats.Dicom;

/// <summary>UIDs under 2.25: the decimal of the UUID (values worked out with Python's uuid module), stable derivation, well-formedness.</summary>
public sealed class DicomUidTests
{
    [Fact]
    public void AUuidBecomesTheDecimalOfItsHundredAndTwentyEightBits()
    {
        // python3 -c "import uuid; print(uuid.UUID('fed8c7b6-6f28-4f0e-9b56-3b2027172f27').int)"
        Assert.Equal("2.25.338749497704250425223207038508825259815", DicomUid.FromGuid(Guid.Parse("fed8c7b6-6f28-4f0e-9b56-3b2027172f27")));
        Assert.Equal("2.25.1", DicomUid.FromGuid(Guid.Parse("00000000-0000-0000-0000-000000000001")));
        Assert.Equal(DicomUid.ImplementationClassUid, DicomUid.FromGuid(Guid.Parse("fed8c7b6-6f28-4f0e-9b56-3b2027172f27")));
    }

    [Fact]
    public void NewUidsAreWellFormedAndDistinct()
    {
        var uids = Enumerable.Range(0, 1000).Select(_ => DicomUid.New()).ToList();

        Assert.All(uids, uid => Assert.True(DicomUid.IsValid(uid) && uid.StartsWith("2.25.", StringComparison.Ordinal), uid));
        Assert.Equal(uids.Count, uids.Distinct().Count());
    }

    [Fact]
    public void DerivedUidsAreStableVersionEightUuids()
    {
        var uid = DicomUid.Derive("image 1|vertebra T7");

        Assert.Equal(uid, DicomUid.Derive("image 1|vertebra T7"));
        Assert.NotEqual(uid, DicomUid.Derive("image 1|vertebra T8"));
        Assert.True(DicomUid.IsValid(uid));
        var value = System.Numerics.BigInteger.Parse(uid[5..], System.Globalization.CultureInfo.InvariantCulture);
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var padded = new byte[16];
        bytes.CopyTo(padded, 16 - bytes.Length);
        Assert.Equal(8, padded[6] >> 4);
        Assert.Equal(2, padded[8] >> 6);
    }

    [Theory]
    [InlineData("1.2.840.10008.1.2.1", true)]
    [InlineData("0.1", true)]
    [InlineData("1.02", false)]
    [InlineData("1..2", false)]
    [InlineData("1.2.", false)]
    [InlineData("1.2a", false)]
    [InlineData("", false)]
    public void WellFormedUidsAreRecognised(string uid, bool valid) => Assert.Equal(valid, DicomUid.IsValid(uid));

    [Fact]
    public void AUidLongerThanSixtyFourCharactersIsNotValid() =>
        Assert.False(DicomUid.IsValid("1." + new string('1', 63)));
}
