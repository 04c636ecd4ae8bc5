namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>One decoded frame of a DICOM file with its metadata and renderings.</summary>
public sealed class DicomImage
{
    private readonly int[] stored;
    private readonly DicomModalityTransform modality;
    private readonly DicomLookupTable? voiLut;

    internal DicomImage(DicomMetadata metadata, int frameIndex, int[] stored, DicomModalityTransform modality, DicomLookupTable? voiLut)
    {
        Metadata = metadata;
        FrameIndex = frameIndex;
        this.stored = stored;
        this.modality = modality;
        this.voiLut = voiLut;
        Pixels = CreatePixels(metadata, stored);
    }

    /// <summary>The image-describing attributes (never patient identifiers).</summary>
    public DicomMetadata Metadata { get; }

    /// <summary>Which frame (0-based) this is.</summary>
    public int FrameIndex { get; }

    /// <summary>
    /// The stored sample values: <see cref="Image{T}"/> of <see cref="byte"/> when Bits Allocated is 8 or less and the
    /// data is unsigned, else of <see cref="ushort"/>. Signed samples keep their two's-complement pattern in
    /// <see cref="DicomMetadata.BitsStored"/> bits. Color is RGB (converted from YBR when needed).
    /// </summary>
    public Image Pixels { get; }

    /// <summary>The lowest value the modality transform can produce.</summary>
    public double ModalityMinimum => modality.Minimum;

    /// <summary>The highest value the modality transform can produce.</summary>
    public double ModalityMaximum => modality.Maximum;

    /// <summary>The modality value (rescaled or LUT-mapped) of pixel (<paramref name="x"/>, <paramref name="y"/>).</summary>
    /// <exception cref="InvalidOperationException">The image is colour (the modality transform is greyscale only).</exception>
    public double ModalityValue(int x, int y)
    {
        if (!Metadata.IsGrayscale)
        {
            throw new InvalidOperationException("Modality values exist for greyscale images only.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(x, Metadata.Columns);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Metadata.Rows);
        return modality.Apply(stored[(y * Metadata.Columns) + x]);
    }

    /// <summary>
    /// 16 bits after the modality transform without VOI windowing, MONOCHROME1 inverted, scaled exactly as
    /// <c>dcmj2pnm +on2 -W</c> does (colour: samples scaled to 16 bits).
    /// </summary>
    public Image<ushort> RenderModality16() => DicomRenderer.Render16(stored, Metadata, modality);

    /// <summary>
    /// 8-bit display rendering: <paramref name="window"/> (LINEAR) when given, else the file's VOI LUT, else its first
    /// window with its VOI function, else the frame's min-max; MONOCHROME1 inverted. Color is returned as RGB.
    /// </summary>
    public Image<byte> RenderDisplay(VoiWindow? window = null) => DicomRenderer.RenderDisplay(stored, Metadata, modality, voiLut, window);

    /// <summary>The min-max window of this frame's modality values, as dcmtk's <c>+Wm</c> computes it.</summary>
    /// <exception cref="InvalidOperationException">The image is colour.</exception>
    public VoiWindow MinMaxWindow()
    {
        if (!Metadata.IsGrayscale)
        {
            throw new InvalidOperationException("A min-max window applies to greyscale images only.");
        }

        var (first, table) = DicomRenderer.ModalityTable(Metadata, modality);
        return DicomRenderer.MinMaxWindow(stored, table, first);
    }

    /// <summary>Grey values in [0, 1] for analysis (modality range, MONOCHROME1 inverted; colour as BT.601 luma).</summary>
    public Image<float> ToGrayscale() => DicomRenderer.Grayscale(stored, Metadata, modality);

    private static Image CreatePixels(DicomMetadata info, int[] stored)
    {
        var channels = info.SamplesPerPixel;
        var mask = (1 << info.BitsStored) - 1;
        if (info.BitsAllocated <= 8 && !info.IsSigned)
        {
            var bytes = new byte[stored.Length];
            for (var i = 0; i < stored.Length; i++)
            {
                bytes[i] = (byte)stored[i];
            }

            return new Image<byte>(info.Columns, info.Rows, channels, bytes, info.BitsStored);
        }

        var words = new ushort[stored.Length];
        for (var i = 0; i < stored.Length; i++)
        {
            words[i] = (ushort)(stored[i] & mask);
        }

        return new Image<ushort>(info.Columns, info.Rows, channels, words, info.BitsStored);
    }
}
