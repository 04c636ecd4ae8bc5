namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>The pixel renderings of a decoded frame: dcmtk-style 16-bit, 8-bit display, and unit-range float.</summary>
internal static class DicomRenderer
{
    /// <summary>
    /// dcmtk's unwindowed output (<c>dcmj2pnm +on2 -W</c>): the modality transform's whole possible range
    /// [min, max] is spread over 65536 levels by <c>low + (v - min) * (high - low + 1) / (max - min + 1)</c>, truncated,
    /// with low/high swapped for MONOCHROME1 so it comes out inverted. Color samples are scaled to 16 bits.
    /// </summary>
    public static Image<ushort> Render16(int[] stored, DicomMetadata info, DicomModalityTransform modality)
    {
        var output = new ushort[stored.Length];
        if (!info.IsGrayscale)
        {
            var scale = 65535.0 / ((1 << info.BitsStored) - 1);
            for (var i = 0; i < stored.Length; i++)
            {
                output[i] = (ushort)Math.Round(stored[i] * scale);
            }

            return new Image<ushort>(info.Columns, info.Rows, 3, output, 16);
        }

        double low = info.IsMonochrome1 ? 65535 : 0, high = info.IsMonochrome1 ? 0 : 65535;
        var gradient = (high - low + 1) / (modality.Maximum - modality.Minimum + 1);
        var (first, count) = StoredRange(info);
        var table = new ushort[count];
        for (var k = 0; k < count; k++)
        {
            var value = low + ((modality.ApplyTruncated(first + k) - modality.Minimum) * gradient);
            table[k] = (ushort)Math.Clamp(value, 0, 65535);
        }

        for (var i = 0; i < stored.Length; i++)
        {
            output[i] = table[stored[i] - first];
        }

        return new Image<ushort>(info.Columns, info.Rows, 1, output, 16);
    }

    /// <summary>
    /// 8-bit display rendering: the modality transform, then <paramref name="window"/>, else the file's VOI LUT, else
    /// its first window, else the frame's min-max; MONOCHROME1 inverted. Color is scaled to 8 bits unwindowed.
    /// </summary>
    public static Image<byte> RenderDisplay(int[] stored, DicomMetadata info, DicomModalityTransform modality, DicomLookupTable? voiLut, VoiWindow? window)
    {
        var output = new byte[stored.Length];
        if (!info.IsGrayscale)
        {
            var scale = 255.0 / ((1 << info.BitsStored) - 1);
            for (var i = 0; i < stored.Length; i++)
            {
                output[i] = (byte)Math.Round(stored[i] * scale);
            }

            return new Image<byte>(info.Columns, info.Rows, 3, output, 8);
        }

        var (first, count) = StoredRange(info);
        var values = new double[count];
        for (var k = 0; k < count; k++)
        {
            values[k] = modality.Apply(first + k);
        }

        Func<double, double> voi;
        if (window is { } explicitWindow)
        {
            voi = x => DicomVoiTransform.Window(x, explicitWindow, DicomVoiFunction.Linear);
        }
        else if (voiLut is not null)
        {
            var top = (double)((1 << voiLut.Bits) - 1);
            voi = x => voiLut.Map((int)Math.Floor(x)) / top;
        }
        else if (info.Windows.Count > 0)
        {
            var fileWindow = info.Windows[0];
            voi = x => DicomVoiTransform.Window(x, fileWindow, info.VoiFunction);
        }
        else
        {
            var minMax = MinMaxWindow(stored, values, first);
            voi = x => DicomVoiTransform.Window(x, minMax, DicomVoiFunction.Linear);
        }

        // Every stored value is rendered once into a table, then the frame is a lookup per pixel.
        var table = new byte[count];
        for (var k = 0; k < count; k++)
        {
            var unit = Math.Clamp(voi(values[k]), 0, 1);

            // Truncated like dcmtk's output stage.
            table[k] = (byte)((info.IsMonochrome1 ? 1 - unit : unit) * 255);
        }

        for (var i = 0; i < stored.Length; i++)
        {
            output[i] = table[stored[i] - first];
        }

        return new Image<byte>(info.Columns, info.Rows, 1, output, 8);
    }

    /// <summary>
    /// The window dcmtk's min-max mode (<c>+Wm</c>) derives from the frame: centre (min + max + 1) / 2 and width
    /// max - min + 1 over the modality values, so the darkest value maps to 0 and the brightest to full scale.
    /// </summary>
    /// <param name="stored">The frame's stored values.</param>
    /// <param name="modalityTable">Modality value of each stored value, starting at <paramref name="first"/>.</param>
    /// <param name="first">The lowest storable value.</param>
    public static VoiWindow MinMaxWindow(int[] stored, double[] modalityTable, int first)
    {
        double min = double.MaxValue, max = double.MinValue;
        foreach (var value in stored)
        {
            var modalityValue = modalityTable[value - first];
            min = Math.Min(min, modalityValue);
            max = Math.Max(max, modalityValue);
        }

        return new VoiWindow((min + max + 1) / 2, max - min + 1);
    }

    /// <summary>The modality value of every storable sample value, from the lowest (<c>First</c>) up.</summary>
    public static (int First, double[] Table) ModalityTable(DicomMetadata info, DicomModalityTransform modality)
    {
        var (first, count) = StoredRange(info);
        var table = new double[count];
        for (var k = 0; k < count; k++)
        {
            table[k] = modality.Apply(first + k);
        }

        return (first, table);
    }

    /// <summary>
    /// Unit-range float grey for analysis: modality values over the transform's possible range (MONOCHROME1 inverted
    /// so bright is always dense), or BT.601 luma for colour.
    /// </summary>
    public static Image<float> Grayscale(int[] stored, DicomMetadata info, DicomModalityTransform modality)
    {
        var pixels = info.Rows * info.Columns;
        var output = new float[pixels];
        if (!info.IsGrayscale)
        {
            var top = (double)((1 << info.BitsStored) - 1);
            for (var p = 0; p < pixels; p++)
            {
                output[p] = (float)(((0.299 * stored[p * 3]) + (0.587 * stored[(p * 3) + 1]) + (0.114 * stored[(p * 3) + 2])) / top);
            }

            return new Image<float>(info.Columns, info.Rows, 1, output);
        }

        var range = modality.Maximum - modality.Minimum;
        var (first, count) = StoredRange(info);
        var table = new float[count];
        for (var k = 0; k < count; k++)
        {
            var unit = range > 0 ? (modality.Apply(first + k) - modality.Minimum) / range : 0;
            table[k] = (float)Math.Clamp(info.IsMonochrome1 ? 1 - unit : unit, 0, 1);
        }

        for (var p = 0; p < pixels; p++)
        {
            output[p] = table[stored[p] - first];
        }

        return new Image<float>(info.Columns, info.Rows, 1, output);
    }

    /// <summary>The storable values of a greyscale sample: its lowest value and how many there are (at most 65536).</summary>
    private static (int First, int Count) StoredRange(DicomMetadata info) =>
        (info.IsSigned ? -(1 << (info.BitsStored - 1)) : 0, 1 << info.BitsStored);
}
