using System.Numerics;
using System.Runtime.CompilerServices;

namespace SpineKit.Imaging.Formats.Jpeg;

/// <summary>Turns decoded component planes into the output <see cref="Image{T}"/>: upsampling, colour, orientation.</summary>
internal static class JpegImageAssembler
{
    /// <summary>Builds the output image of a fully read frame.</summary>
    public static Image Assemble(JpegDecoderCore core, JpegDecoderOptions options)
    {
        var frame = core.Frame!;
        core.FinishProgressive();
        if (frame.IsLossless)
        {
            UndoPointTransform(frame);
        }

        return frame.Precision <= 8 ? Assemble<byte>(core, options) : Assemble<ushort>(core, options);
    }

    private static Image<T> Assemble<T>(JpegDecoderCore core, JpegDecoderOptions options)
        where T : unmanaged, IBinaryInteger<T>
    {
        var frame = core.Frame!;
        var width = frame.Width;
        var height = frame.Height;
        var components = frame.Components;
        var colorSpace = core.ColorSpace;
        var channels = components.Length == 1 ? 1 : options.ConvertColor || components.Length == 3 ? 3 : 4;
        if (components[0].IsClipped)
        {
            var only = new Image<T>(width, height, 1, (T[])components[0].Samples!, frame.Precision);
            return options.ApplyOrientation ? ExifOrientation.Apply(only, core.Orientation) : only;
        }

        var image = new Image<T>(width, height, channels, frame.Precision);
        if (components.Length == 1)
        {
            var c = components[0];
            var plane = (T[])c.Samples!;
            for (var y = 0; y < height; y++)
            {
                plane.AsSpan(y * c.Stride, width).CopyTo(image.Row(y));
            }
        }
        else
        {
            var planes = new T[components.Length][];
            for (var i = 0; i < components.Length; i++)
            {
                var c = components[i];
                if (frame.MaxHorizontalFactor % c.HorizontalFactor != 0 || frame.MaxVerticalFactor % c.VerticalFactor != 0)
                {
                    throw new ImageFormatException("JPEG", $"component {i} has sampling factors {c.HorizontalFactor}x{c.VerticalFactor} that do not divide the maximum {frame.MaxHorizontalFactor}x{frame.MaxVerticalFactor}", frame.Offset);
                }

                planes[i] = new T[width * height];
                Upsampler.Upsample<T>(
                    (T[])c.Samples!, c.Stride, c.Width, c.Height,
                    frame.MaxHorizontalFactor / c.HorizontalFactor, frame.MaxVerticalFactor / c.VerticalFactor,
                    planes[i], width, height);
            }

            ColorConverter.Convert(planes, colorSpace, options.ConvertColor, frame.Precision, image.Pixels);
        }

        return options.ApplyOrientation ? ExifOrientation.Apply(image, core.Orientation) : image;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UndoPointTransform(JpegFrame frame)
    {
        foreach (var c in frame.Components)
        {
            var source = c.LosslessSamples!;
            var shift = c.PointTransform;
            if (c.Samples is byte[] bytes)
            {
                for (var i = 0; i < source.Length; i++)
                {
                    bytes[i] = (byte)(source[i] << shift);
                }
            }
            else
            {
                var words = (ushort[])c.Samples!;
                for (var i = 0; i < source.Length; i++)
                {
                    words[i] = (ushort)(source[i] << shift);
                }
            }
        }
    }
}
