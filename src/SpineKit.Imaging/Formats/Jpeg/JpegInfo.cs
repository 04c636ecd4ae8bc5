namespace SpineKit.Imaging.Formats.Jpeg;

/// <summary>What a JPEG header says about the image, read without decoding the pixels.</summary>
/// <param name="Width">Pixels per row as coded (before any EXIF reorientation).</param>
/// <param name="Height">Rows as coded (before any EXIF reorientation).</param>
/// <param name="ComponentCount">Number of colour components (1, 3 or 4).</param>
/// <param name="Precision">Bits per sample (2 to 16).</param>
/// <param name="Process">The coding process.</param>
/// <param name="ColorSpace">The colour space the components are coded in.</param>
/// <param name="SamplingFactors">Horizontal and vertical sampling factor of each component, in frame order.</param>
/// <param name="Orientation">The raw EXIF orientation value (1 to 8), or 1 when absent or invalid.</param>
/// <param name="RestartInterval">MCUs per restart interval, 0 when none is defined before the first scan.</param>
public sealed record JpegInfo(
    int Width,
    int Height,
    int ComponentCount,
    int Precision,
    JpegProcess Process,
    JpegColorSpace ColorSpace,
    IReadOnlyList<(int Horizontal, int Vertical)> SamplingFactors,
    int Orientation,
    int RestartInterval)
{
    /// <summary>Width after the EXIF orientation is applied (orientations 5 to 8 swap the axes).</summary>
    public int OrientedWidth => Orientation >= 5 ? Height : Width;

    /// <summary>Height after the EXIF orientation is applied.</summary>
    public int OrientedHeight => Orientation >= 5 ? Width : Height;

    /// <summary>
    /// The chroma subsampling in J:a:b notation ("4:4:4", "4:2:2", "4:2:0", "4:4:0", "4:1:1"), or the raw
    /// factors ("2x2,1x1,1x1") when no such name fits; "4:0:0" for one component.
    /// </summary>
    public string Subsampling
    {
        get
        {
            if (SamplingFactors.Count == 1)
            {
                return "4:0:0";
            }

            var (h0, v0) = SamplingFactors[0];
            var sameChroma = true;
            for (var i = 1; i < SamplingFactors.Count; i++)
            {
                sameChroma &= SamplingFactors[i] == (1, 1);
            }

            if (sameChroma)
            {
                switch (h0, v0)
                {
                    case (1, 1): return "4:4:4";
                    case (2, 1): return "4:2:2";
                    case (2, 2): return "4:2:0";
                    case (1, 2): return "4:4:0";
                    case (4, 1): return "4:1:1";
                }
            }

            return string.Join(',', SamplingFactors.Select(f => $"{f.Horizontal}x{f.Vertical}"));
        }
    }
}
