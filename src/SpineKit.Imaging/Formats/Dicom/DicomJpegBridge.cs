namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>Hands encapsulated JPEG frames to the JPEG decoder and turns its output into stored sample values.</summary>
internal static class DicomJpegBridge
{
    public static int[] Decode(byte[] frame, DicomMetadata info, long offset)
    {
        _ = frame;
        _ = info;
        throw new ImageFormatException("DICOM", $"{info.TransferSyntax.Name} pixel data needs the JPEG decoder, which is not merged yet", offset);
    }
}
