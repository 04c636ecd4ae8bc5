using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>
/// The value rules of PS3.5 6.2 for writing: which characters each text VR allows, its maximum length, whether it
/// holds several values (joined by backslashes), and its padding to an even length (NUL for UI, space for other
/// text). Text that may hold any character is encoded as UTF-8 (the writer's datasets declare ISO_IR 192).
/// A value that breaks a rule is an <see cref="ArgumentException"/> naming the element: a caller's bug, never
/// silently truncated.
/// </summary>
internal static class DicomValueEncoder
{
    /// <summary>VRs whose explicit-VR header has two reserved bytes and a 32-bit length.</summary>
    public static readonly FrozenSet<string> LongLengthVrs =
        new[] { "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" }.ToFrozenSet(StringComparer.Ordinal);

    // Max length per value (characters; 0 = limited only by the 32-bit length), multi-valued, UTF-8, allowed characters.
    private static readonly FrozenDictionary<string, TextRule> TextRules = new Dictionary<string, TextRule>
    {
        ["AE"] = new(16, true, false, c => c is >= ' ' and <= '~' and not '\\'),
        ["AS"] = new(4, true, false, c => char.IsAsciiDigit(c) || c is 'D' or 'W' or 'M' or 'Y', @"^\d{3}[DWMY]$"),
        ["CS"] = new(16, true, false, c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is ' ' or '_'),
        ["DA"] = new(8, true, false, char.IsAsciiDigit, @"^\d{8}$"),
        ["DS"] = new(16, true, false, c => char.IsAsciiDigit(c) || c is '+' or '-' or '.' or 'E' or 'e' or ' '),
        ["DT"] = new(26, true, false, c => char.IsAsciiDigit(c) || c is '+' or '-' or '.' or ' '),
        ["IS"] = new(12, true, false, c => char.IsAsciiDigit(c) || c is '+' or '-' or ' '),
        ["LO"] = new(64, true, true, c => !char.IsControl(c) && c != '\\'),
        ["LT"] = new(10240, false, true, c => !char.IsControl(c) || c is '\r' or '\n' or '\t' or '\f'),
        ["PN"] = new(64 * 3, true, true, c => !char.IsControl(c) && c != '\\'),
        ["SH"] = new(16, true, true, c => !char.IsControl(c) && c != '\\'),
        ["ST"] = new(1024, false, true, c => !char.IsControl(c) || c is '\r' or '\n' or '\t' or '\f'),
        ["TM"] = new(14, true, false, c => char.IsAsciiDigit(c) || c == '.', @"^([01]\d|2[0-3])([0-5]\d([0-5]\d(\.\d{1,6})?)?)?$"),
        ["UC"] = new(0, true, true, c => !char.IsControl(c) && c != '\\'),
        ["UI"] = new(64, true, false, c => char.IsAsciiDigit(c) || c == '.'),
        ["UR"] = new(0, false, false, c => c is > ' ' and <= '~'),
        ["UT"] = new(0, false, true, c => !char.IsControl(c) || c is '\r' or '\n' or '\t' or '\f'),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>True when <paramref name="vr"/> is a text VR this writer encodes from strings.</summary>
    public static bool IsText(string vr) => TextRules.ContainsKey(vr);

    /// <summary>Encodes text values of <paramref name="vr"/>, checked and padded to an even length.</summary>
    public static byte[] EncodeText(DicomTag tag, string vr, IReadOnlyList<string> values)
    {
        if (!TextRules.TryGetValue(vr, out var rule))
        {
            throw new ArgumentException($"{vr} is not a text value representation (element {tag}).", nameof(vr));
        }

        if (values.Count > 1 && !rule.MultiValued)
        {
            throw new ArgumentException($"element {tag} ({vr}) holds a single value, {values.Count} were given.", nameof(values));
        }

        foreach (var value in values)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(values));
            if (rule.MaxLength > 0 && value.Length > rule.MaxLength)
            {
                throw new ArgumentException($"element {tag} ({vr}) value of {value.Length} characters exceeds the maximum of {rule.MaxLength}.", nameof(values));
            }

            foreach (var c in value)
            {
                if (!rule.Allowed(c))
                {
                    throw new ArgumentException($"element {tag} ({vr}) value holds the character U+{(int)c:X4}, which {vr} does not allow.", nameof(values));
                }
            }

            if (rule.Format is { } format && value.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(value, format))
            {
                throw new ArgumentException($"element {tag} ({vr}) value '{value}' does not have the form {vr} requires.", nameof(values));
            }

            if (vr == "UI" && value.Length > 0 && !DicomUid.IsValid(value))
            {
                throw new ArgumentException($"element {tag} (UI) value '{value}' is not a well-formed UID.", nameof(values));
            }
        }

        var joined = string.Join('\\', values);
        var bytes = rule.Utf8 ? Encoding.UTF8.GetBytes(joined) : Encoding.ASCII.GetBytes(joined);
        var padding = vr == "UI" ? (byte)0 : (byte)' ';
        return PadEven(bytes, padding);
    }

    /// <summary>Encodes unsigned 16-bit values (US).</summary>
    public static byte[] EncodeUInt16(IReadOnlyList<ushort> values)
    {
        var bytes = new byte[values.Count * 2];
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        }

        return bytes;
    }

    /// <summary>Encodes unsigned 32-bit values (UL).</summary>
    public static byte[] EncodeUInt32(IReadOnlyList<uint> values)
    {
        var bytes = new byte[values.Count * 4];
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return bytes;
    }

    /// <summary>Encodes 32-bit floats (FL, OF), refusing NaN and infinities, which no reader can interpret.</summary>
    public static byte[] EncodeFloat32(DicomTag tag, IReadOnlyList<float> values)
    {
        var bytes = new byte[values.Count * 4];
        for (var i = 0; i < values.Count; i++)
        {
            RequireFinite(tag, values[i]);
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return bytes;
    }

    /// <summary>Encodes 64-bit floats (FD, OD), refusing NaN and infinities.</summary>
    public static byte[] EncodeFloat64(DicomTag tag, IReadOnlyList<double> values)
    {
        var bytes = new byte[values.Count * 8];
        for (var i = 0; i < values.Count; i++)
        {
            RequireFinite(tag, values[i]);
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        }

        return bytes;
    }

    /// <summary>
    /// The shortest decimal string (DS, at most 16 characters) for <paramref name="value"/>: round-trip precision
    /// when it fits, otherwise as many significant digits as fit.
    /// </summary>
    public static string DecimalString(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A decimal string (DS) holds finite numbers only.");
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        for (var digits = 15; text.Length > 16 && digits > 0; digits--)
        {
            text = value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        return text;
    }

    /// <summary>Appends <paramref name="padding"/> when the length is odd.</summary>
    public static byte[] PadEven(byte[] bytes, byte padding)
    {
        if (bytes.Length % 2 == 0)
        {
            return bytes;
        }

        var padded = new byte[bytes.Length + 1];
        bytes.CopyTo(padded, 0);
        padded[^1] = padding;
        return padded;
    }

    private static void RequireFinite(DicomTag tag, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"element {tag} value {value} is not a finite number.", nameof(value));
        }
    }

    /// <param name="MaxLength">Characters per value; 0 when only the 32-bit length limits it.</param>
    /// <param name="MultiValued">True when backslashes separate several values.</param>
    /// <param name="Utf8">True when any character may appear (encoded as UTF-8); false for ASCII-only VRs.</param>
    /// <param name="Allowed">The characters a value may hold.</param>
    /// <param name="Format">A pattern each non-empty value must match, for VRs with a fixed form (AS, DA, TM).</param>
    private sealed record TextRule(int MaxLength, bool MultiValued, bool Utf8, Func<char, bool> Allowed, string? Format = null);
}
