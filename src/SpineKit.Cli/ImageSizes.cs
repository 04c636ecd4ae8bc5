using SpineKit.Anatomy.Geometry;
using SpineKit.Imaging;

namespace SpineKit.Cli;

/// <summary>An image's pixel size from its headers alone (any format ImageReader knows).</summary>
internal static class ImageSizes
{
    public static ImageSize Of(string path)
    {
        var metadata = ImageReader.Identify(path);
        return new ImageSize(metadata.Width, metadata.Height);
    }
}
