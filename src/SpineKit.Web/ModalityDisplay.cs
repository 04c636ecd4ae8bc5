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
    private readonly byte[] _values;
    private readonly double _minimum;
    private readonly double _maximum;
    private readonly bool _inverted;
    private readonly bool _voiLut;
    private readonly IReadOnlyList<VoiWindow> _windows;
    private readonly VoiWindow _minMax;

    // The values are taken once, when the session opens, so the decoded DICOM (its stored samples as ints and its
    // pixel image, up to 6 bytes a pixel) is not kept alive by the session; these 4 bytes a pixel are.
    private ModalityDisplay(DicomImage dicom)
    {
        var (width, height) = (dicom.Metadata.Columns, dicom.Metadata.Rows);
        _values = new byte[(long)width * height * sizeof(float)];
        var at = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++, at += sizeof(float))
            {
                BinaryPrimitives.WriteSingleLittleEndian(_values.AsSpan(at), (float)dicom.ModalityValue(x, y));
            }
        }

        _minimum = dicom.ModalityMinimum;
        _maximum = dicom.ModalityMaximum;
        _inverted = dicom.Metadata.IsMonochrome1;
        _voiLut = dicom.Metadata.HasVoiLut;
        _windows = dicom.Metadata.Windows;
        _minMax = dicom.MinMaxWindow();
    }

    /// <summary>Bytes a session keeps for this: one 32-bit float a pixel for a greyscale DICOM, else nothing.</summary>
    public static long ResidentBytes(RadiographMetadata header) =>
        header.Format == ImageContainerFormat.Dicom && header.Channels == 1 ? (long)header.Width * header.Height * sizeof(float) : 0;

    /// <summary>The display of a greyscale DICOM image, or null for any other image.</summary>
    public static ModalityDisplay? Of(RadiographImage image) =>
        image.Dicom is { Metadata.IsGrayscale: true } dicom ? new ModalityDisplay(dicom) : null;

    /// <summary>
    /// Every pixel's modality value as little-endian 32-bit floats, row by row (exact for the integers of stored
    /// values up to 24 bits and for the usual rescale slopes).
    /// </summary>
    public byte[] ValuesFloat32() => _values;

    /// <summary>
    /// Writes <c>"display": { "modality": true, "minimum", "maximum", "inverted", "windows": [...], "minMax" }</c>:
    /// the range the modality transform can produce, whether the film is MONOCHROME1 (shown inverted), the file's
    /// windows and the frame's min-max window (dcmtk's <c>+Wm</c>).
    /// </summary>
    public void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject("display");
        json.WriteBoolean("modality", true);
        json.WriteNumber("minimum", _minimum);
        json.WriteNumber("maximum", _maximum);
        json.WriteBoolean("inverted", _inverted);
        json.WriteBoolean("voiLut", _voiLut);
        json.WriteStartArray("windows");
        foreach (var window in _windows)
        {
            WriteWindow(json, window);
        }

        json.WriteEndArray();
        json.WritePropertyName("minMax");
        WriteWindow(json, _minMax);
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
