using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>
/// The data elements SpineKit keeps from a DICOM dataset (only image-describing tags: patient identifiers are
/// never stored) and typed accessors that read them in the dataset's byte order.
/// </summary>
internal sealed class DicomDataset(bool bigEndian)
{
    private readonly Dictionary<DicomTag, DicomElement> elements = [];

    public bool BigEndian { get; } = bigEndian;

    /// <summary>Where parsing stopped (end of data or just past the pixel data), for errors about missing elements.</summary>
    public long EndOffset { get; set; }

    /// <summary>Native pixel data, when present.</summary>
    public DicomElement? NativePixelData { get; set; }

    /// <summary>Encapsulated pixel data, when present.</summary>
    public DicomEncapsulatedPixelData? EncapsulatedPixelData { get; set; }

    public void Add(DicomElement element) => elements[element.Tag] = element;

    public DicomElement? Find(DicomTag tag) => elements.GetValueOrDefault(tag);

    public bool Contains(DicomTag tag) => elements.ContainsKey(tag);

    /// <summary>A text value with padding (spaces, NULs) removed; null when absent or empty.</summary>
    public string? GetString(DicomTag tag)
    {
        if (Find(tag) is not { } element)
        {
            return null;
        }

        var text = Encoding.Latin1.GetString(element.Value).Trim(' ', '\0');
        return text.Length == 0 ? null : text;
    }

    /// <summary>An unsigned short (US) value, or <paramref name="fallback"/> when absent.</summary>
    public int GetUInt16(DicomTag tag, int fallback)
    {
        if (Find(tag) is not { } element)
        {
            return fallback;
        }

        if (element.Value.Length < 2)
        {
            throw new ImageFormatException("DICOM", $"element {tag} has {element.Value.Length} bytes, expected a 2-byte value", element.Offset);
        }

        return BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(element.Value) : BinaryPrimitives.ReadUInt16LittleEndian(element.Value);
    }

    /// <summary>The 16-bit words of a binary element (US multi-valued, OW).</summary>
    public ushort[] GetWords(DicomTag tag)
    {
        var element = Find(tag)!;
        var words = new ushort[element.Value.Length / 2];
        for (var i = 0; i < words.Length; i++)
        {
            var span = element.Value.AsSpan(i * 2);
            words[i] = BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span) : BinaryPrimitives.ReadUInt16LittleEndian(span);
        }

        return words;
    }

    /// <summary>The decimal-string (DS) or integer-string (IS) values, empty when absent.</summary>
    public double[] GetDecimals(DicomTag tag)
    {
        if (GetString(tag) is not { } text)
        {
            return [];
        }

        var parts = text.Split('\\', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i].Trim('\0'), NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) ||
                !double.IsFinite(values[i]))
            {
                throw new ImageFormatException("DICOM", $"element {tag} holds '{parts[i]}', not a number", Find(tag)!.Offset);
            }
        }

        return values;
    }

    /// <summary>
    /// Like <see cref="GetDecimals"/> but empty instead of failing on malformed text: for attributes that only
    /// inform display or measurement, where a writer's typo should not make the pixels unreadable.
    /// </summary>
    public double[] GetDecimalsOrEmpty(DicomTag tag)
    {
        try
        {
            return GetDecimals(tag);
        }
        catch (ImageFormatException)
        {
            return [];
        }
    }

    /// <summary>The first decimal value, or <paramref name="fallback"/> when absent.</summary>
    public double GetDecimal(DicomTag tag, double fallback)
    {
        var values = GetDecimals(tag);
        return values.Length > 0 ? values[0] : fallback;
    }
}
