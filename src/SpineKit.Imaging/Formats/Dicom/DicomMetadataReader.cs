namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>Builds and validates <see cref="DicomMetadata"/> from a parsed dataset, before any pixel is allocated.</summary>
internal static class DicomMetadataReader
{
    private const int MaxFrames = 1 << 16;

    public static DicomMetadata Read(DicomDataset dataset, DicomTransferSyntax syntax)
    {
        var pixelOffset = dataset.NativePixelData?.Offset ?? dataset.EncapsulatedPixelData?.Offset;
        if (pixelOffset is null)
        {
            throw new ImageFormatException("DICOM", "the file has no pixel data (7FE0,0010)", dataset.EndOffset);
        }

        var rows = Required(dataset, DicomTag.Rows, "Rows", pixelOffset.Value);
        var columns = Required(dataset, DicomTag.Columns, "Columns", pixelOffset.Value);
        if ((long)rows * columns > Image.MaxPixelCount)
        {
            throw new ImageFormatException("DICOM", $"image size {columns}x{rows} exceeds the limit of {Image.MaxPixelCount} pixels", dataset.Find(DicomTag.Rows)!.Offset);
        }

        var samples = dataset.GetUInt16(DicomTag.SamplesPerPixel, 1);
        var photometric = dataset.GetString(DicomTag.PhotometricInterpretation) ?? (samples == 1 ? "MONOCHROME2" : "RGB");
        var bitsAllocated = Required(dataset, DicomTag.BitsAllocated, "Bits Allocated", pixelOffset.Value);
        var bitsStored = dataset.GetUInt16(DicomTag.BitsStored, bitsAllocated);
        var highBit = dataset.GetUInt16(DicomTag.HighBit, bitsStored - 1);
        var signed = dataset.GetUInt16(DicomTag.PixelRepresentation, 0) == 1;
        var frames = (int)Math.Round(dataset.GetDecimal(DicomTag.NumberOfFrames, 1));
        Validate(samples, photometric, bitsAllocated, bitsStored, highBit, frames, dataset);

        var (spacing, source) = ReadSpacing(dataset);
        var centers = dataset.GetDecimalsOrEmpty(DicomTag.WindowCenter);
        var widths = dataset.GetDecimalsOrEmpty(DicomTag.WindowWidth);
        var windows = centers.Zip(widths, (c, w) => new VoiWindow(c, w)).Where(w => w.Width > 0).ToArray();
        return new DicomMetadata
        {
            TransferSyntax = syntax,
            Rows = rows,
            Columns = columns,
            SamplesPerPixel = samples,
            PhotometricInterpretation = photometric,
            BitsAllocated = bitsAllocated,
            BitsStored = bitsStored,
            HighBit = highBit,
            IsSigned = signed,
            PlanarConfiguration = dataset.GetUInt16(DicomTag.PlanarConfiguration, 0),
            NumberOfFrames = frames,
            PixelSpacing = spacing,
            PixelSpacingSource = source,
            Modality = dataset.GetString(DicomTag.Modality),
            ViewPosition = dataset.GetString(DicomTag.ViewPosition),
            BodyPartExamined = dataset.GetString(DicomTag.BodyPartExamined),
            StudyInstanceUid = dataset.GetString(DicomTag.StudyInstanceUid),
            SeriesInstanceUid = dataset.GetString(DicomTag.SeriesInstanceUid),
            SopInstanceUid = dataset.GetString(DicomTag.SopInstanceUid),
            PatientOrientation = dataset.GetString(DicomTag.PatientOrientation),
            ImageLaterality = dataset.GetString(DicomTag.ImageLaterality) ?? dataset.GetString(DicomTag.Laterality),
            RescaleSlope = dataset.GetDecimal(DicomTag.RescaleSlope, 1),
            RescaleIntercept = dataset.GetDecimal(DicomTag.RescaleIntercept, 0),
            HasModalityLut = dataset.Find(DicomTag.ModalityLutSequence) is { Items.Count: > 0 },
            Windows = windows,
            VoiFunction = (dataset.GetString(DicomTag.VoiLutFunction) ?? "LINEAR").ToUpperInvariant() switch
            {
                "LINEAR_EXACT" => DicomVoiFunction.LinearExact,
                "SIGMOID" => DicomVoiFunction.Sigmoid,
                _ => DicomVoiFunction.Linear,
            },
            HasVoiLut = dataset.Find(DicomTag.VoiLutSequence) is { Items.Count: > 0 },
        };
    }

    private static void Validate(int samples, string photometric, int bitsAllocated, int bitsStored, int highBit, int frames, DicomDataset dataset)
    {
        long Offset(DicomTag tag) => dataset.Find(tag)?.Offset ?? 0;
        if (samples is not (1 or 3))
        {
            throw new ImageFormatException("DICOM", $"{samples} samples per pixel is not supported (1 or 3)", Offset(DicomTag.SamplesPerPixel));
        }

        if (samples == 1 && photometric is not ("MONOCHROME1" or "MONOCHROME2"))
        {
            throw new ImageFormatException("DICOM", $"photometric interpretation {photometric} is not supported for one sample per pixel", Offset(DicomTag.PhotometricInterpretation));
        }

        if (samples == 3 && photometric is not ("RGB" or "YBR_FULL" or "YBR_FULL_422" or "YBR_ICT" or "YBR_RCT"))
        {
            throw new ImageFormatException("DICOM", $"photometric interpretation {photometric} is not supported for colour", Offset(DicomTag.PhotometricInterpretation));
        }

        if (bitsAllocated is not (1 or 8 or 16 or 32))
        {
            throw new ImageFormatException("DICOM", $"Bits Allocated {bitsAllocated} is not supported", Offset(DicomTag.BitsAllocated));
        }

        if (bitsStored < 1 || bitsStored > bitsAllocated || bitsStored > 16)
        {
            throw new ImageFormatException("DICOM", $"Bits Stored {bitsStored} is not supported with Bits Allocated {bitsAllocated} (at most 16)", Offset(DicomTag.BitsStored));
        }

        if (highBit < bitsStored - 1 || highBit >= bitsAllocated)
        {
            throw new ImageFormatException("DICOM", $"High Bit {highBit} is inconsistent with Bits Stored {bitsStored}", Offset(DicomTag.HighBit));
        }

        if (frames < 1 || frames > MaxFrames)
        {
            throw new ImageFormatException("DICOM", $"Number of Frames {frames} is out of range", Offset(DicomTag.NumberOfFrames));
        }
    }

    private static (PixelSpacing?, PixelSpacingSource) ReadSpacing(DicomDataset dataset)
    {
        foreach (var (tag, source) in new[] { (DicomTag.PixelSpacing, PixelSpacingSource.PixelSpacing), (DicomTag.ImagerPixelSpacing, PixelSpacingSource.ImagerPixelSpacing) })
        {
            var values = dataset.GetDecimalsOrEmpty(tag);
            if (values.Length >= 2 && values[0] > 0 && values[1] > 0)
            {
                return (new PixelSpacing(values[0], values[1]), source);
            }

            if (values.Length == 1 && values[0] > 0)
            {
                return (new PixelSpacing(values[0], values[0]), source);
            }
        }

        return (null, PixelSpacingSource.None);
    }

    private static int Required(DicomDataset dataset, DicomTag tag, string name, long offset)
    {
        var value = dataset.GetUInt16(tag, 0);
        if (value == 0)
        {
            throw new ImageFormatException("DICOM", $"{name} {tag} is missing or zero", dataset.Find(tag)?.Offset ?? offset);
        }

        return value;
    }
}
