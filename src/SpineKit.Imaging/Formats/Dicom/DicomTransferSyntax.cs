namespace SpineKit.Imaging.Formats.Dicom;

/// <summary>How the pixel data of a transfer syntax is compressed.</summary>
public enum DicomCompression
{
    /// <summary>Uncompressed (native) pixel data.</summary>
    None,

    /// <summary>JPEG baseline (process 1).</summary>
    JpegBaseline,

    /// <summary>JPEG extended (processes 2 and 4).</summary>
    JpegExtended,

    /// <summary>JPEG lossless (processes 14, including selection value 1).</summary>
    JpegLossless,

    /// <summary>DICOM RLE lossless.</summary>
    Rle,

    /// <summary>JPEG-LS (not supported).</summary>
    JpegLs,

    /// <summary>JPEG 2000 (not supported).</summary>
    Jpeg2000,

    /// <summary>Another encapsulated syntax (MPEG, HTJ2K, ...; not supported).</summary>
    OtherEncapsulated,
}

/// <summary>A DICOM transfer syntax: its UID, name, byte order, VR encoding and pixel compression.</summary>
public sealed record DicomTransferSyntax(string Uid, string Name, bool ExplicitVr, bool BigEndian, bool Deflated, DicomCompression Compression)
{
    /// <summary>Implicit VR little endian, the default when a file has no meta header.</summary>
    public static readonly DicomTransferSyntax ImplicitVrLittleEndian = new("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, DicomCompression.None);

    /// <summary>Explicit VR little endian.</summary>
    public static readonly DicomTransferSyntax ExplicitVrLittleEndian = new("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, DicomCompression.None);

    /// <summary>Explicit VR big endian (retired, still found in archives).</summary>
    public static readonly DicomTransferSyntax ExplicitVrBigEndian = new("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false, DicomCompression.None);

    private static readonly DicomTransferSyntax[] Known =
    [
        ImplicitVrLittleEndian,
        ExplicitVrLittleEndian,
        ExplicitVrBigEndian,
        new("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true, DicomCompression.None),
        new("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", true, false, false, DicomCompression.JpegBaseline),
        new("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", true, false, false, DicomCompression.JpegExtended),
        new("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", true, false, false, DicomCompression.JpegLossless),
        new("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, SV1)", true, false, false, DicomCompression.JpegLossless),
        new("1.2.840.10008.1.2.5", "RLE Lossless", true, false, false, DicomCompression.Rle),
        new("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", true, false, false, DicomCompression.JpegLs),
        new("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless", true, false, false, DicomCompression.JpegLs),
        new("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless", true, false, false, DicomCompression.Jpeg2000),
        new("1.2.840.10008.1.2.4.91", "JPEG 2000", true, false, false, DicomCompression.Jpeg2000),
        new("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Lossless", true, false, false, DicomCompression.Jpeg2000),
        new("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component", true, false, false, DicomCompression.Jpeg2000),
        new("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Lossless", true, false, false, DicomCompression.Jpeg2000),
        new("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Lossless", true, false, false, DicomCompression.Jpeg2000),
        new("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000", true, false, false, DicomCompression.Jpeg2000),
        new("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile", true, false, false, DicomCompression.OtherEncapsulated),
        new("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264", true, false, false, DicomCompression.OtherEncapsulated),
    ];

    /// <summary>True when the pixel data is stored as fragments rather than native samples.</summary>
    public bool IsEncapsulated => Compression != DicomCompression.None;

    /// <summary>The syntax with <paramref name="uid"/>; <paramref name="offset"/> locates an unknown UID in errors.</summary>
    public static DicomTransferSyntax FromUid(string uid, long offset) =>
        Array.Find(Known, syntax => syntax.Uid == uid)
        ?? throw new ImageFormatException("DICOM", $"unknown transfer syntax '{uid}'", offset);
}
