namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>The VOI transforms of PS3.3 C.11.2.1.2: windows (LINEAR, LINEAR_EXACT, SIGMOID) mapping to 0..1.</summary>
internal static class DicomVoiTransform
{
    /// <summary>Maps modality value <paramref name="x"/> through <paramref name="window"/> to the unit interval.</summary>
    public static double Window(double x, VoiWindow window, DicomVoiFunction function)
    {
        double c = window.Center, w = window.Width;
        switch (function)
        {
            case DicomVoiFunction.Sigmoid:
                return 1.0 / (1.0 + Math.Exp(-4.0 * (x - c) / w));
            case DicomVoiFunction.LinearExact:
                if (x <= c - (w / 2))
                {
                    return 0;
                }

                return x > c + (w / 2) ? 1 : ((x - c) / w) + 0.5;
            default:
                // LINEAR's half-sample offsets; a width below 1 is not allowed and behaves as a threshold.
                var span = Math.Max(w, 1) - 1;
                if (x <= c - 0.5 - (span / 2))
                {
                    return 0;
                }

                if (x > c - 0.5 + (span / 2) || span == 0)
                {
                    return 1;
                }

                return ((x - (c - 0.5)) / span) + 0.5;
        }
    }
}
