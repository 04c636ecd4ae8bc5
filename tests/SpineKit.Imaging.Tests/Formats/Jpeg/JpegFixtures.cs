using System.Text;

namespace SpineKit.Imaging.Tests.Formats.Jpeg;

/// <summary>Locates the committed JPEG fixtures and reads their reference decodes (binary PGM/PPM written by djpeg or Pillow).</summary>
internal static class JpegFixtures
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Jpeg", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    /// <summary>Reads a binary PGM (P5) or PPM (P6) with maxval 255: width, height, channels, samples.</summary>
    public static (int Width, int Height, int Channels, byte[] Samples) ReadPnm(string name)
    {
        var data = Bytes(name);
        var position = 0;
        var magic = NextToken(data, ref position);
        var width = int.Parse(NextToken(data, ref position));
        var height = int.Parse(NextToken(data, ref position));
        var maxValue = int.Parse(NextToken(data, ref position));
        Assert.Equal(255, maxValue);
        position++;
        var channels = magic == "P5" ? 1 : 3;
        return (width, height, channels, data.AsSpan(position, width * height * channels).ToArray());
    }

    private static string NextToken(byte[] data, ref int position)
    {
        while (char.IsWhiteSpace((char)data[position]))
        {
            position++;
        }

        var start = position;
        while (!char.IsWhiteSpace((char)data[position]))
        {
            position++;
        }

        return Encoding.ASCII.GetString(data, start, position - start);
    }
}
