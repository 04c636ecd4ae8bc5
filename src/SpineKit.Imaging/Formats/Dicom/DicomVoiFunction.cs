namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>The VOI LUT Function (0028,1056) that shapes a window (PS3.3 C.11.2.1.2).</summary>
public enum DicomVoiFunction
{
    /// <summary>The default linear ramp with DICOM's half-pixel offsets.</summary>
    Linear,

    /// <summary>A ramp exactly from centre - width/2 to centre + width/2.</summary>
    LinearExact,

    /// <summary>A logistic curve centred on the window centre.</summary>
    Sigmoid,
}
