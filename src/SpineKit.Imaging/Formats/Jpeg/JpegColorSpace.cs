namespace SpineKit.Imaging.Formats.Jpeg;

/// <summary>The colour space the samples of a JPEG are encoded in, as inferred from its markers.</summary>
public enum JpegColorSpace
{
    /// <summary>One component.</summary>
    Grayscale,

    /// <summary>Three components, luma and two chroma differences (the JFIF default).</summary>
    YCbCr,

    /// <summary>Three components stored as red, green, blue (Adobe transform 0 or component ids 'R','G','B').</summary>
    Rgb,

    /// <summary>Four components stored as (Adobe-inverted) cyan, magenta, yellow, black.</summary>
    Cmyk,

    /// <summary>Four components: YCbCr-coded CMY plus black (Adobe transform 2).</summary>
    Ycck,
}
