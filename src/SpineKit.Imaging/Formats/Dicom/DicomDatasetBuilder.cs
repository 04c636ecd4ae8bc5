namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>
/// A dataset to write: data elements by tag (adding a tag again replaces it), each value checked against its
/// value representation's rules when added, so a bad value fails where it is set, not in the file. Elements are
/// written in ascending tag order whatever the order they were added in. Group 0002 (the file meta group) is
/// the writer's own and cannot be added.
/// </summary>
public sealed class DicomDatasetBuilder
{
    private readonly SortedDictionary<uint, DicomOutputElement> elements = [];

    /// <summary>The number of elements at the top level.</summary>
    public int Count => elements.Count;

    /// <summary>Sets a text element (AE, AS, CS, DA, DS, DT, IS, LO, LT, PN, SH, ST, TM, UC, UI, UR, UT); no values writes an empty (zero-length) element.</summary>
    /// <exception cref="ArgumentException">A value breaks the VR's length or character rules.</exception>
    public DicomDatasetBuilder AddText(ushort group, ushort element, string vr, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var tag = Check(group, element);
        return Put(new DicomOutputElement(tag, vr, DicomValueEncoder.EncodeText(tag, vr, values), null, default));
    }

    /// <summary>Sets a decimal string (DS) element from numbers.</summary>
    public DicomDatasetBuilder AddDecimal(ushort group, ushort element, params double[] values) =>
        AddText(group, element, "DS", [.. values.Select(DicomValueEncoder.DecimalString)]);

    /// <summary>Sets an integer string (IS) element from numbers.</summary>
    public DicomDatasetBuilder AddInteger(ushort group, ushort element, params int[] values) =>
        AddText(group, element, "IS", [.. values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

    /// <summary>Sets an unsigned short (US) element.</summary>
    public DicomDatasetBuilder AddUInt16(ushort group, ushort element, params ushort[] values)
    {
        var tag = Check(group, element);
        return Put(new DicomOutputElement(tag, "US", DicomValueEncoder.EncodeUInt16(values), null, default));
    }

    /// <summary>Sets an unsigned long (UL) element.</summary>
    public DicomDatasetBuilder AddUInt32(ushort group, ushort element, params uint[] values)
    {
        var tag = Check(group, element);
        return Put(new DicomOutputElement(tag, "UL", DicomValueEncoder.EncodeUInt32(values), null, default));
    }

    /// <summary>Sets a 32-bit float element (FL, or OF for a long list).</summary>
    public DicomDatasetBuilder AddFloat32(ushort group, ushort element, string vr, params float[] values)
    {
        var tag = Check(group, element);
        RequireVr(tag, vr, "FL", "OF");
        return Put(new DicomOutputElement(tag, vr, DicomValueEncoder.EncodeFloat32(tag, values), null, default));
    }

    /// <summary>Sets a 64-bit float element (FD, or OD for a long list).</summary>
    public DicomDatasetBuilder AddFloat64(ushort group, ushort element, string vr, params double[] values)
    {
        var tag = Check(group, element);
        RequireVr(tag, vr, "FD", "OD");
        return Put(new DicomOutputElement(tag, vr, DicomValueEncoder.EncodeFloat64(tag, values), null, default));
    }

    /// <summary>Sets a binary element (OB, OW or UN); OB and UN are padded with a zero byte to an even length, OW must already be even.</summary>
    public DicomDatasetBuilder AddBytes(ushort group, ushort element, string vr, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var tag = Check(group, element);
        RequireVr(tag, vr, "OB", "OW", "UN");
        if (vr == "OW" && value.Length % 2 != 0)
        {
            throw new ArgumentException($"element {tag} (OW) needs an even number of bytes, {value.Length} were given.", nameof(value));
        }

        return Put(new DicomOutputElement(tag, vr, DicomValueEncoder.PadEven(value, 0), null, default));
    }

    /// <summary>Sets a sequence (SQ) of <paramref name="items"/> (none writes an empty sequence), written with defined or undefined lengths.</summary>
    public DicomDatasetBuilder AddSequence(ushort group, ushort element, IEnumerable<DicomDatasetBuilder> items, DicomSequenceLength length = DicomSequenceLength.Defined)
    {
        ArgumentNullException.ThrowIfNull(items);
        var tag = Check(group, element);
        var list = items.ToList();
        if (list.Any(item => item is null))
        {
            throw new ArgumentException($"sequence {tag} holds a null item.", nameof(items));
        }

        return Put(new DicomOutputElement(tag, "SQ", null, list, length));
    }

    /// <summary>True when the element is set.</summary>
    public bool Contains(ushort group, ushort element) => elements.ContainsKey(new DicomTag(group, element).Value);

    /// <summary>The text of a text element as given (padding removed), or null when it is absent or not text.</summary>
    public string? GetText(ushort group, ushort element) =>
        elements.TryGetValue(new DicomTag(group, element).Value, out var found) && found.Value is { } value && DicomValueEncoder.IsText(found.Vr)
            ? System.Text.Encoding.UTF8.GetString(value).TrimEnd(' ', '\0')
            : null;

    /// <summary>The elements in tag order, for the writer.</summary>
    internal IEnumerable<DicomOutputElement> Elements => elements.Values;

    private static DicomTag Check(ushort group, ushort element)
    {
        var tag = new DicomTag(group, element);
        if (group == 0x0002)
        {
            throw new ArgumentException($"element {tag} belongs to the file meta group, which the writer builds itself.", nameof(group));
        }

        if (group == 0xFFFE || group % 2 == 1 && element < 0x0010)
        {
            throw new ArgumentException($"{tag} is not a data element tag that can be set.", nameof(element));
        }

        return tag;
    }

    private static void RequireVr(DicomTag tag, string vr, params string[] allowed)
    {
        if (!allowed.Contains(vr))
        {
            throw new ArgumentException($"element {tag}: VR {vr} is not one of {string.Join(", ", allowed)} for this kind of value.", nameof(vr));
        }
    }

    private DicomDatasetBuilder Put(DicomOutputElement element)
    {
        elements[element.Tag.Value] = element;
        return this;
    }
}
