namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>
/// Gathers the fragments of one frame of encapsulated pixel data: by the basic offset table when it is usable,
/// else one fragment per frame, else (JPEG) by the start-of-image marker that opens each frame.
/// </summary>
internal static class DicomFrameLocator
{
    public static byte[] Frame(DicomEncapsulatedPixelData pixels, int frames, int index, bool isJpeg)
    {
        var fragments = pixels.Fragments;
        if (fragments.Count == 0)
        {
            throw new ImageFormatException("DICOM", "encapsulated pixel data has no fragments", pixels.Offset);
        }

        List<DicomFragment> selected;
        if (TableIsUsable(pixels, frames))
        {
            var start = pixels.OffsetTable[index];
            var end = index + 1 < frames ? pixels.OffsetTable[index + 1] : long.MaxValue;
            selected = fragments.Where(f => f.RelativeOffset >= start && f.RelativeOffset < end).ToList();
        }
        else if (frames == 1)
        {
            selected = fragments;
        }
        else if (fragments.Count == frames)
        {
            selected = [fragments[index]];
        }
        else if (isJpeg)
        {
            var starts = Enumerable.Range(0, fragments.Count).Where(i => fragments[i].Data is [0xFF, 0xD8, ..]).ToList();
            if (starts.Count != frames)
            {
                throw new ImageFormatException("DICOM", $"cannot split {fragments.Count} fragments into {frames} JPEG frames", pixels.Offset);
            }

            var last = index + 1 < frames ? starts[index + 1] : fragments.Count;
            selected = fragments.GetRange(starts[index], last - starts[index]);
        }
        else
        {
            throw new ImageFormatException("DICOM", $"cannot split {fragments.Count} fragments into {frames} frames without an offset table", pixels.Offset);
        }

        if (selected.Count == 0)
        {
            throw new ImageFormatException("DICOM", $"frame {index} has no fragments", pixels.Offset);
        }

        var total = selected.Sum(f => (long)f.Data.Length);
        var frame = new byte[total];
        var at = 0;
        foreach (var fragment in selected)
        {
            fragment.Data.CopyTo(frame, at);
            at += fragment.Data.Length;
        }

        return frame;
    }

    /// <summary>The table is usable when it has one increasing entry per frame, each landing on a fragment start.</summary>
    private static bool TableIsUsable(DicomEncapsulatedPixelData pixels, int frames)
    {
        var table = pixels.OffsetTable;
        if (table.Length != frames)
        {
            return false;
        }

        var starts = pixels.Fragments.Select(f => f.RelativeOffset).ToHashSet();
        for (var i = 0; i < table.Length; i++)
        {
            if ((i > 0 && table[i] <= table[i - 1]) || !starts.Contains(table[i]))
            {
                return false;
            }
        }

        return true;
    }
}
