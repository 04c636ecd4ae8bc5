namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>
/// The modality transform: a Modality LUT when present, else rescale slope and intercept. Also knows the range of
/// values the transform can produce, which is what dcmtk scales into 16 bits when no window is applied.
/// </summary>
internal sealed class DicomModalityTransform
{
    private readonly DicomLookupTable? table;
    private readonly double slope;
    private readonly double intercept;

    private DicomModalityTransform(DicomLookupTable? table, double slope, double intercept, double minimum, double maximum)
    {
        this.table = table;
        this.slope = slope;
        this.intercept = intercept;
        Minimum = minimum;
        Maximum = maximum;
    }

    /// <summary>Lowest value the transform can produce from any storable sample.</summary>
    public double Minimum { get; }

    /// <summary>Highest value the transform can produce from any storable sample.</summary>
    public double Maximum { get; }

    public static DicomModalityTransform Create(DicomDataset dataset, DicomMetadata info)
    {
        var storedMin = info.IsSigned ? -(1 << (info.BitsStored - 1)) : 0;
        var storedMax = info.IsSigned ? (1 << (info.BitsStored - 1)) - 1 : (1 << info.BitsStored) - 1;
        if (DicomLookupTable.FromSequence(dataset, DicomTag.ModalityLutSequence, info.IsSigned) is { } lut)
        {
            // A LUT's output range is its bit depth, as dcmtk takes it.
            return new DicomModalityTransform(lut, 1, 0, 0, (1 << lut.Bits) - 1);
        }

        var slope = info.RescaleSlope == 0 ? 1 : info.RescaleSlope;
        var a = (storedMin * slope) + info.RescaleIntercept;
        var b = (storedMax * slope) + info.RescaleIntercept;
        return new DicomModalityTransform(null, slope, info.RescaleIntercept, Math.Min(a, b), Math.Max(a, b));
    }

    /// <summary>The exact modality value of a stored sample.</summary>
    public double Apply(int stored) => table is not null ? table.Map(stored) : (stored * slope) + intercept;

    /// <summary>The modality value as dcmtk holds it internally: rescaled values truncated toward zero.</summary>
    public int ApplyTruncated(int stored) => table is not null ? table.Map(stored) : (int)((stored * slope) + intercept);
}
