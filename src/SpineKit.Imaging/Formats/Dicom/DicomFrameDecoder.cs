namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>Decodes one frame of a parsed dataset into interleaved stored values (colour converted to RGB).</summary>
internal static class DicomFrameDecoder
{
    public static int[] Decode(DicomDataset dataset, DicomMetadata info, int frame)
    {
        if (frame < 0 || frame >= info.NumberOfFrames)
        {
            throw new ImageFormatException("DICOM", $"asked for frame {(long)frame + 1} of a {info.NumberOfFrames}-frame file (frames count from 1)");
        }

        var syntax = info.TransferSyntax;
        int[] values;
        if (dataset.NativePixelData is { } native)
        {
            if (syntax.IsEncapsulated)
            {
                throw new ImageFormatException("DICOM", $"transfer syntax {syntax.Name} requires encapsulated pixel data, but it is native", native.Offset);
            }

            values = DecodeNative(native, dataset.BigEndian, info, frame);
        }
        else
        {
            var encapsulated = dataset.EncapsulatedPixelData!;
            values = syntax.Compression switch
            {
                DicomCompression.None => throw new ImageFormatException("DICOM", $"pixel data is encapsulated but the transfer syntax {syntax.Name} is not", encapsulated.Offset),
                DicomCompression.Rle => DecodeRle(encapsulated, info, frame),
                DicomCompression.JpegBaseline or DicomCompression.JpegExtended or DicomCompression.JpegLossless =>
                    DicomJpegBridge.Decode(DicomFrameLocator.Frame(encapsulated, info.NumberOfFrames, frame, isJpeg: true), info, encapsulated.Offset),
                _ => throw new ImageFormatException("DICOM", $"unsupported transfer syntax {syntax.Name} ({syntax.Uid})", encapsulated.Offset),
            };
        }

        if (info.SamplesPerPixel == 3 && info.PhotometricInterpretation is "YBR_FULL" or "YBR_FULL_422" && !IsJpeg(syntax))
        {
            var truncateTerms = info.PhotometricInterpretation == "YBR_FULL" && info.BitsAllocated == 8 && !info.IsSigned;
            DicomColorConverter.YbrToRgb(values, (1 << info.BitsStored) - 1, truncateTerms);
        }

        return values;
    }

    private static bool IsJpeg(DicomTransferSyntax syntax) =>
        syntax.Compression is DicomCompression.JpegBaseline or DicomCompression.JpegExtended or DicomCompression.JpegLossless;

    private static int[] DecodeNative(DicomElement element, bool bigEndian, DicomMetadata info, int frame)
    {
        var frameBytes = DicomSampleUnpacker.FrameBytes(info);
        var data = element.Value;
        if (info.BitsAllocated == 1)
        {
            var bits = (long)info.Rows * info.Columns * info.SamplesPerPixel;
            var firstBit = bits * frame;
            if ((firstBit + bits + 7) / 8 > data.Length)
            {
                throw new ImageFormatException("DICOM", $"pixel data has {data.Length} bytes, too few for frame {frame}", element.Offset);
            }

            return DicomSampleUnpacker.Unpack(data, info, false, false, false, firstBit);
        }

        var start = frameBytes * frame;
        if (start + frameBytes > data.Length)
        {
            throw new ImageFormatException("DICOM", $"pixel data has {data.Length} bytes, but frame {frame} needs bytes {start}..{start + frameBytes}", element.Offset);
        }

        var bytes = data.AsSpan((int)start, (int)frameBytes);
        if (info.PhotometricInterpretation == "YBR_FULL_422")
        {
            // Native 4:2:2 stores pixel pairs as Y1 Y2 Cb Cr, which only works for 8-bit samples and even rows.
            if (info.BitsAllocated != 8 || info.Columns % 2 != 0)
            {
                throw new ImageFormatException("DICOM", $"native YBR_FULL_422 needs 8-bit samples and an even width, not {info.BitsAllocated} bits x {info.Columns}", element.Offset);
            }

            return DicomColorConverter.Expand422(bytes, info.Rows, info.Columns);
        }

        // Big endian OW data with 8-bit cells has each byte pair swapped (PS3.5 A.3).
        var swap = bigEndian && info.BitsAllocated == 8 && element.Vr == "OW";
        return DicomSampleUnpacker.Unpack(bytes, info, bigEndian, swap, info.PlanarConfiguration == 1);
    }

    private static int[] DecodeRle(DicomEncapsulatedPixelData pixels, DicomMetadata info, int frame)
    {
        var bytes = DicomRleDecoder.Decode(DicomFrameLocator.Frame(pixels, info.NumberOfFrames, frame, isJpeg: false), info, pixels.Offset);
        return DicomSampleUnpacker.Unpack(bytes, info, bigEndian: false, swapBytePairs: false, planar: false);
    }
}
