using SpineKit.Imaging.Formats.Jpeg;

namespace SpineKit.Imaging.Tests.Formats.Jpeg;

/// <summary>
/// Damaged restart intervals: the decoder must resynchronise at the next restart marker so only the damaged
/// interval is lost. The fixture restarts after every MCU row (16 pixel rows of 4:2:0).
/// </summary>
public sealed class JpegRestartTests
{
    private const int McuRows = 16;

    [Fact]
    public void MissingRestartMarker_LosesOnlyTheNextInterval()
    {
        var data = JpegFixtures.Bytes("color-420-restart.jpg");
        var markers = RestartMarkers(data);
        Assert.True(markers.Count >= 2);
        var removed = markers[0];
        var damaged = data[..removed].Concat(data[(removed + 2)..]).ToArray();

        var rows = DifferingRows(damaged);

        // RST0 is gone: interval 1 (MCU row 1) decodes as filler, all others are intact.
        AssertOnlyIntervalOneDiffers(rows);
    }

    [Fact]
    public void CorruptInterval_LosesOnlyThatInterval()
    {
        var data = JpegFixtures.Bytes("color-420-restart.jpg");
        var markers = RestartMarkers(data);
        var damaged = (byte[])data.Clone();

        // Scribble over the middle of interval 1 (between RST0 and RST1), avoiding 0xFF bytes.
        for (var i = markers[0] + 6; i < markers[1] - 4; i += 3)
        {
            damaged[i] = 0x5A;
        }

        AssertOnlyIntervalOneDiffers(DifferingRows(damaged));
    }

    [Fact]
    public void Decode_RestartFixture_IsExact()
    {
        Assert.Empty(DifferingRows(JpegFixtures.Bytes("color-420-restart.jpg")));
    }

    private static void AssertOnlyIntervalOneDiffers(List<int> rows)
    {
        // Fancy upsampling blends chroma with the neighbouring row, so the rows just outside may differ too.
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.InRange(row, McuRows - 1, 2 * McuRows));
        Assert.Contains(McuRows + (McuRows / 2), rows);
    }

    private static List<int> RestartMarkers(byte[] data)
    {
        var sos = data.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]);
        var markers = new List<int>();
        for (var i = sos + 2; i + 1 < data.Length; i++)
        {
            if (data[i] == 0xFF && data[i + 1] is >= 0xD0 and <= 0xD7)
            {
                markers.Add(i);
            }
        }

        return markers;
    }

    private static List<int> DifferingRows(byte[] data)
    {
        var image = Assert.IsType<Image<byte>>(JpegDecoder.Decode(data));
        var reference = JpegFixtures.ReadPnm("color-420-restart.ppm");
        var rowLength = reference.Width * 3;
        var rows = new List<int>();
        for (var y = 0; y < reference.Height; y++)
        {
            var worst = 0;
            for (var i = 0; i < rowLength; i++)
            {
                worst = Math.Max(worst, Math.Abs(reference.Samples[(y * rowLength) + i] - image.Pixels[(y * rowLength) + i]));
            }

            if (worst > 0)
            {
                rows.Add(y);
            }
        }

        return rows;
    }
}
