using SpineKit.Detection.Networks;
using SpineKit.Imaging;

namespace SpineKit.Web;

/// <summary>
/// Estimated memory of one session, judged from the image header before decoding: what decoding and
/// analysing it needs at its peak (reserved first), and what the open session keeps (its display image, the
/// PNG of it, the network-sized copy and the prediction). The factors are measured, not derived: a 100 Mpx
/// upload peaked at 3.3-4 GB of process memory while decoding (so 40 bytes per pixel), and sixteen 100 Mpx
/// sessions stayed at 8.1 GB (so 5 bytes per pixel, the display bytes, their PNG and heap slack).
/// </summary>
internal static class SessionCost
{
    /// <summary>Peak bytes per image pixel while decoding and analysing.</summary>
    public const long DecodeBytesPerPixel = 40;

    /// <summary>Bytes per image pixel an open session keeps.</summary>
    public const long ResidentBytesPerPixel = 5;

    // The prediction, hints, JSON answers and bookkeeping of one session.
    private const long Overhead = 1L << 20;

    /// <summary>The reservation for decoding and analysing an upload of <paramref name="uploadBytes"/> with this header.</summary>
    public static long Decoding(RadiographMetadata header, long uploadBytes, VertebraNetConfig network, bool keepsOriginal = false)
    {
        ArgumentNullException.ThrowIfNull(header);
        return (Pixels(header) * DecodeBytesPerPixel) + uploadBytes + Resident(header, network, keepsOriginal);
    }

    /// <summary>What an open session of this image is counted as once analysed.</summary>
    /// <remarks>
    /// With a corner refiner the session also keeps the film's grey pixels at full resolution (4 bytes each) to crop from;
    /// a greyscale DICOM session keeps its modality values (4 bytes each) for full-depth windowing.
    /// </remarks>
    public static long Resident(RadiographMetadata header, VertebraNetConfig network, bool keepsOriginal = false)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(network);
        var networkInput = (long)network.InputWidth * network.InputHeight * sizeof(float);
        var original = keepsOriginal ? Pixels(header) * sizeof(float) : 0;
        return (Pixels(header) * ResidentBytesPerPixel) + original + networkInput + ModalityDisplay.ResidentBytes(header) + Overhead;
    }

    private static long Pixels(RadiographMetadata header) => (long)header.Width * header.Height;
}
