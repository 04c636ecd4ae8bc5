using System.Buffers.Binary;
using System.Text.Json;
using SpineKit.Imaging;
using SpineKit.Imaging.Formats.Dicom;

namespace SpineKit.Web;

/// <summary>
/// What the page needs to window a greyscale DICOM film at its full depth: the modality values (after the
/// modality transform, before any VOI) and the file's own windows as presets. The display PNG stays the 8-bit
/// default; this is for the page's window/level, computed on the values themselves so 10-16-bit films do not
/// posterise. Files that are not greyscale DICOM have none, and the page windows its 8-bit rendering as before.
/// </summary>
internal sealed class ModalityDisplay
{
    private readonly DicomImage _dicom;

    private ModalityDisplay(DicomImage dicom) => _dicom = dicom;

    /// <summary>Bytes a session keeps for this (the decoded stored values, at most two bytes a pixel).</summary>
    public static long ResidentBytes(RadiographMetadata header) =>
        header.Format == ImageContainerFormat.Dicom && header.Channels == 1 ? (long)header.Width * header.Height * sizeof(ushort) : 0;

    /// <summary>The display of a greyscale DICOM image, or null for any other image.</summary>
    public static ModalityDisplay? Of(RadiographImage image) =>
        image.Dicom is { Metadata.IsGrayscale: true } dicom ? new ModalityDisplay(dicom) : null;

    /// <summary>
    /// Every pixel's modality value as little-endian 32-bit floats, row by row (exact for the integers of stored
    /// values up to 24 bits and for the usual rescale slopes).
    /// </summary>
    public byte[] ValuesFloat32()
    {
        var (width, height) = (_dicom.Metadata.Columns, _dicom.Metadata.Rows);
        var bytes = new byte[(long)width * height * sizeof(float)];
        var at = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++, at += sizeof(float))
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(at), (float)_dicom.ModalityValue(x, y));
            }
        }

        return bytes;
    }

    /// <summary>
    /// Writes <c>"display": { "modality": true, "minimum", "maximum", "inverted", "windows": [...], "minMax" }</c>:
    /// the range the modality transform can produce, whether the film is MONOCHROME1 (shown inverted), the file's
    /// windows and the frame's min-max window (dcmtk's <c>+Wm</c>).
    /// </summary>
    public void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject("display");
        json.WriteBoolean("modality", true);
        json.WriteNumber("minimum", _dicom.ModalityMinimum);
        json.WriteNumber("maximum", _dicom.ModalityMaximum);
        json.WriteBoolean("inverted", _dicom.Metadata.IsMonochrome1);
        json.WriteBoolean("voiLut", _dicom.Metadata.HasVoiLut);
        json.WriteStartArray("windows");
        foreach (var window in _dicom.Metadata.Windows)
        {
            WriteWindow(json, window);
        }

        json.WriteEndArray();
        json.WritePropertyName("minMax");
        WriteWindow(json, _dicom.MinMaxWindow());
        json.WriteEndObject();
    }

    /// <summary>The <c>display</c> of an image without modality values.</summary>
    public static void WriteNone(Utf8JsonWriter json)
    {
        json.WriteStartObject("display");
        json.WriteBoolean("modality", false);
        json.WriteEndObject();
    }

    private static void WriteWindow(Utf8JsonWriter json, VoiWindow window)
    {
        json.WriteStartObject();
        json.WriteNumber("center", window.Center);
        json.WriteNumber("width", window.Width);
        json.WriteEndObject();
    }
}
