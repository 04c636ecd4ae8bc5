using System.Globalization;

namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>
/// One content item of a DICOM Structured Report (PS3.3 C.17.3) with its children, built by value: CONTAINER,
/// CODE, NUM, TEXT, UIDREF, IMAGE and SCOORD. <see cref="ToItem"/> and <see cref="WriteRoot"/> turn the tree into
/// the Content Sequence datasets. Knows no particular template: the caller decides the concepts.
/// </summary>
public sealed class DicomSrItem
{
    private readonly Action<DicomDatasetBuilder> writeValue;
    private readonly List<(string Relationship, DicomSrItem Item)> children = [];

    private DicomSrItem(string valueType, DicomCode? concept, Action<DicomDatasetBuilder> writeValue)
    {
        ValueType = valueType;
        Concept = concept;
        this.writeValue = writeValue;
    }

    /// <summary>Value Type (0040,A040).</summary>
    public string ValueType { get; }

    /// <summary>Concept Name (0040,A043), or null for items that may go unnamed (IMAGE, SCOORD).</summary>
    public DicomCode? Concept { get; }

    /// <summary>The children with their relationship types (CONTAINS, HAS OBS CONTEXT, HAS CONCEPT MOD, INFERRED FROM, SELECTED FROM, ...).</summary>
    public IReadOnlyList<(string Relationship, DicomSrItem Item)> Children => children;

    /// <summary>A CONTAINER with SEPARATE continuity.</summary>
    public static DicomSrItem Container(DicomCode concept) =>
        new("CONTAINER", concept, item => item.AddText(0x0040, 0xA050, "CS", "SEPARATE"));

    /// <summary>A CODE item: <paramref name="concept"/> = <paramref name="value"/>.</summary>
    public static DicomSrItem Code(DicomCode concept, DicomCode value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new("CODE", concept, item => item.AddSequence(0x0040, 0xA168, [value.ToItem()]));
    }

    /// <summary>A NUM item with its unit (a UCUM code).</summary>
    public static DicomSrItem Number(DicomCode concept, double value, DicomCode unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"A NUM item {concept} needs a finite number.");
        }

        return new("NUM", concept, item => item.AddSequence(0x0040, 0xA300,
        [
            new DicomDatasetBuilder()
                .AddSequence(0x0040, 0x08EA, [unit.ToItem()])
                .AddFloat64(0x0040, 0xA161, "FD", value)
                .AddDecimal(0x0040, 0xA30A, value),
        ]));
    }

    /// <summary>A TEXT item.</summary>
    public static DicomSrItem Text(DicomCode concept, string text) =>
        new("TEXT", concept, item => item.AddText(0x0040, 0xA160, "UT", text));

    /// <summary>A UIDREF item.</summary>
    public static DicomSrItem UidReference(DicomCode concept, string uid) =>
        new("UIDREF", concept, item => item.AddText(0x0040, 0xA124, "UI", uid));

    /// <summary>An IMAGE item referencing an instance (and one frame of it when <paramref name="frame"/> is set, 1-based).</summary>
    public static DicomSrItem Image(DicomCode? concept, string sopClassUid, string sopInstanceUid, int? frame = null) =>
        new("IMAGE", concept, item => item.AddSequence(0x0008, 0x1199, [ReferencedSop(sopClassUid, sopInstanceUid, frame)]));

    /// <summary>
    /// An SCOORD item: image coordinates (column, row pairs; the image's top left corner is 0,0, so a pixel's
    /// centre is at +0.5) of graphic type POINT, MULTIPOINT or POLYLINE.
    /// </summary>
    public static DicomSrItem SpatialCoordinates(DicomCode? concept, string graphicType, IReadOnlyList<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var required = graphicType switch
        {
            "POINT" => points.Count == 1,
            "MULTIPOINT" or "POLYLINE" => points.Count >= 2,
            _ => throw new ArgumentException($"graphic type {graphicType} is not POINT, MULTIPOINT or POLYLINE.", nameof(graphicType)),
        };
        if (!required)
        {
            throw new ArgumentException($"{points.Count} points do not make a {graphicType}.", nameof(points));
        }

        var data = points.SelectMany(p => new[] { (float)p.X, (float)p.Y }).ToArray();
        return new("SCOORD", concept, item => item
            .AddFloat32(0x0070, 0x0022, "FL", data)
            .AddText(0x0070, 0x0023, "CS", graphicType));
    }

    /// <summary>The Referenced SOP Sequence item naming an instance (and a 1-based frame when given).</summary>
    public static DicomDatasetBuilder ReferencedSop(string sopClassUid, string sopInstanceUid, int? frame = null)
    {
        var reference = new DicomDatasetBuilder()
            .AddText(0x0008, 0x1150, "UI", sopClassUid)
            .AddText(0x0008, 0x1155, "UI", sopInstanceUid);
        if (frame is { } number)
        {
            reference.AddText(0x0008, 0x1160, "IS", number.ToString(CultureInfo.InvariantCulture));
        }

        return reference;
    }

    /// <summary>Adds <paramref name="child"/> under this item with <paramref name="relationship"/>; returns this item.</summary>
    public DicomSrItem Add(string relationship, DicomSrItem child)
    {
        ArgumentNullException.ThrowIfNull(child);
        if (relationship is not ("CONTAINS" or "HAS PROPERTIES" or "HAS OBS CONTEXT" or "HAS ACQ CONTEXT" or "INFERRED FROM" or "SELECTED FROM" or "HAS CONCEPT MOD"))
        {
            throw new ArgumentException($"'{relationship}' is not an SR relationship type.", nameof(relationship));
        }

        children.Add((relationship, child));
        return this;
    }

    /// <summary>Adds <paramref name="child"/> with CONTAINS; returns this item.</summary>
    public DicomSrItem Contains(DicomSrItem child) => Add("CONTAINS", child);

    /// <summary>This item as a Content Sequence item under its parent with <paramref name="relationship"/>.</summary>
    public DicomDatasetBuilder ToItem(string relationship)
    {
        var item = new DicomDatasetBuilder().AddText(0x0040, 0xA010, "CS", relationship);
        WriteBody(item);
        return item;
    }

    /// <summary>
    /// Writes this item as the document root (SR Document Content module) into <paramref name="document"/>, with a
    /// Content Template Sequence naming <paramref name="templateIdentifier"/> of DCMR when given.
    /// </summary>
    public void WriteRoot(DicomDatasetBuilder document, string? templateIdentifier)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (ValueType != "CONTAINER" || Concept is null)
        {
            throw new InvalidOperationException("The root of an SR document is a named CONTAINER.");
        }

        WriteBody(document);
        if (templateIdentifier is not null)
        {
            document.AddSequence(0x0040, 0xA504,
            [
                new DicomDatasetBuilder().AddText(0x0008, 0x0105, "CS", "DCMR").AddText(0x0040, 0xDB00, "CS", templateIdentifier),
            ]);
        }
    }

    private void WriteBody(DicomDatasetBuilder item)
    {
        item.AddText(0x0040, 0xA040, "CS", ValueType);
        if (Concept is { } concept)
        {
            item.AddSequence(0x0040, 0xA043, [concept.ToItem()]);
        }

        writeValue(item);
        if (children.Count > 0)
        {
            item.AddSequence(0x0040, 0xA730, children.Select(c => c.Item.ToItem(c.Relationship)));
        }
    }
}
