using Microsoft.AspNetCore.Http;
using SpineKit.Imaging;

namespace SpineKit.Web;

/// <summary>
/// Turns uploaded bytes into a radiograph or a precise refusal: not an image at all (415), an image too
/// large to decode safely (413, judged from the headers before any pixel is allocated), or an image whose
/// content is damaged (422). The two steps are separate so memory can be reserved between them.
/// </summary>
internal static class UploadValidator
{
    /// <summary>Reads only the header of <paramref name="bytes"/> and checks its size, or throws <see cref="ApiRequestException"/>.</summary>
    public static RadiographMetadata Identify(byte[] bytes, long maxPixels)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (ImageReader.DetectFormat(bytes) is null)
        {
            throw new ApiRequestException(StatusCodes.Status415UnsupportedMediaType, "The file is not a JPEG, PNG or DICOM image.");
        }

        RadiographMetadata metadata;
        try
        {
            metadata = ImageReader.Identify(bytes);
        }
        catch (ImageFormatException exception)
        {
            throw Unreadable(exception);
        }

        if ((long)metadata.Width * metadata.Height > maxPixels)
        {
            throw new ApiRequestException(
                StatusCodes.Status413PayloadTooLarge,
                $"The image is {metadata.Width} x {metadata.Height} pixels; the server accepts at most {maxPixels / 1e6:0.#} megapixels.");
        }

        return metadata;
    }

    /// <summary>Decodes <paramref name="bytes"/> (already identified) within <paramref name="maxPixels"/>, or throws <see cref="ApiRequestException"/>.</summary>
    public static RadiographImage Decode(byte[] bytes, long maxPixels)
    {
        try
        {
            return ImageReader.Read(bytes, 0, new ImageReadOptions { MaxPixels = maxPixels });
        }
        catch (ImageFormatException exception)
        {
            throw Unreadable(exception);
        }
    }

    private static ApiRequestException Unreadable(ImageFormatException exception) =>
        new(StatusCodes.Status422UnprocessableEntity, $"The image could not be read: {exception.Message}", exception);
}
