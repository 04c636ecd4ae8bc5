namespace SpineKit.Imaging.Drawing;

/// <summary>Makes an RGB overlay background from a grey image by copying the grey level into all three channels.</summary>
public static class GrayToRgb
{
    /// <summary>An 8-bit RGB copy of a single-channel 8-bit image.</summary>
    public static Image<byte> Apply(Image<byte> grey)
    {
        ArgumentNullException.ThrowIfNull(grey);
        RequireSingleChannel(grey);
        var rgb = new Image<byte>(grey.Width, grey.Height, 3);
        var source = grey.Pixels;
        var destination = rgb.Pixels;
        for (var i = 0; i < source.Length; i++)
        {
            destination[3 * i] = destination[(3 * i) + 1] = destination[(3 * i) + 2] = source[i];
        }

        return rgb;
    }

    /// <summary>An 8-bit RGB copy of a single-channel [0, 1] image (rounded and clamped like <see cref="Transforms.ImageConversion.ToByte"/>).</summary>
    public static Image<byte> Apply(Image<float> grey)
    {
        ArgumentNullException.ThrowIfNull(grey);
        RequireSingleChannel(grey);
        return Apply(Transforms.ImageConversion.ToByte(grey));
    }

    private static void RequireSingleChannel(Image image)
    {
        if (image.Channels != 1)
        {
            throw new ArgumentException($"Expected a single-channel grey image, got {image.Channels} channels.", nameof(image));
        }
    }
}
