using System.Globalization;

namespace SpineKit.Imaging.Tests.Transforms;

/// <summary>
/// Reads the OpenCV/Pillow outputs in Fixtures/Transforms (made by make_fixtures.py there): '#' comments, a
/// "width height channels" line, then one line of numbers per row.
/// </summary>
internal static class OracleFixture
{
    /// <summary>The fixture's numbers as floats, each divided by <paramref name="divisor"/>.</summary>
    public static Image<float> Read(string name, float divisor = 1)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Transforms", name);
        var lines = File.ReadAllLines(path).Where(line => !line.StartsWith('#')).ToArray();
        var shape = lines[0].Split(' ').Select(int.Parse).ToArray();
        var image = new Image<float>(shape[0], shape[1], shape[2]);
        var values = lines.Skip(1)
            .SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(token => float.Parse(token, CultureInfo.InvariantCulture) / divisor)
            .ToArray();
        Assert.Equal(image.Pixels.Length, values.Length);
        values.CopyTo(image.Pixels, 0);
        return image;
    }

    /// <summary>An 8-bit fixture as bytes.</summary>
    public static byte[] ReadBytes(string name) => Read(name).Pixels.Select(v => checked((byte)v)).ToArray();
}
