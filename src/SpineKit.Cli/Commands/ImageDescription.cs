using System.Globalization;
using SpineKit.Imaging;

namespace SpineKit.Cli.Commands;

/// <summary>The label/value lines <c>spinekit info</c> prints for one image.</summary>
internal static class ImageDescription
{
    public static IEnumerable<(string Label, string Value)> Lines(string name, RadiographMetadata m)
    {
        yield return ("file", name);
        yield return ("format", m.Format.ToString().ToUpperInvariant());
        yield return ("size", string.Create(CultureInfo.InvariantCulture, $"{m.Width} x {m.Height}, {m.Channels} channel{(m.Channels == 1 ? string.Empty : "s")}"));
        yield return ("bit depth", m.BitDepth.ToString(CultureInfo.InvariantCulture));
        yield return ("photometric", m.PhotometricInterpretation);
        if (m.TransferSyntaxUid is not null)
        {
            yield return ("transfer", $"{m.TransferSyntaxName} ({m.TransferSyntaxUid})");
        }

        yield return ("spacing", m.PixelSpacing is { } spacing ? $"{spacing} ({m.PixelSpacingSource})" : "not stated");
        if (m.Format == ImageContainerFormat.Dicom)
        {
            yield return ("modality", m.Modality ?? "-");
            yield return ("view", m.ViewPosition ?? "-");
            yield return ("body part", m.BodyPartExamined ?? "-");
            yield return ("laterality", m.ImageLaterality ?? "-");
            yield return ("frames", m.FrameCount.ToString(CultureInfo.InvariantCulture));
        }
    }
}
