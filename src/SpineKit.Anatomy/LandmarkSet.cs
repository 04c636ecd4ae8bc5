using SpineKit.Anatomy.Geometry;

namespace SpineKit.Anatomy;

/// <summary>
/// The vertebrae labelled or predicted on one image, in the order they were given (normally top to
/// bottom; <see cref="Labels.LabelSanitizer"/> sorts and checks them). Any contiguous run of levels is allowed.
/// </summary>
public sealed class LandmarkSet
{
    /// <summary>Creates a landmark set; the list is copied.</summary>
    /// <param name="size">The image's pixel size.</param>
    /// <param name="vertebrae">The vertebrae, in the order given.</param>
    /// <param name="spacing">Physical pixel size when known.</param>
    /// <param name="imageName">The image file name, when known.</param>
    public LandmarkSet(ImageSize size, IEnumerable<Vertebra> vertebrae, PixelSpacing? spacing = null, string? imageName = null)
    {
        ArgumentNullException.ThrowIfNull(vertebrae);
        if (!size.IsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "Image size must be positive.");
        }

        if (spacing is { IsValid: false })
        {
            throw new ArgumentOutOfRangeException(nameof(spacing), spacing, "Pixel spacing must be finite and positive.");
        }

        Size = size;
        Spacing = spacing;
        ImageName = imageName;
        Vertebrae = vertebrae.ToArray();
        if (Vertebrae.Any(v => v is null))
        {
            throw new ArgumentException("The vertebra list contains null.", nameof(vertebrae));
        }
    }

    /// <summary>The image's pixel size.</summary>
    public ImageSize Size { get; }

    /// <summary>Physical pixel size, when known (from DICOM or the user).</summary>
    public PixelSpacing? Spacing { get; }

    /// <summary>The image file name, when known.</summary>
    public string? ImageName { get; }

    /// <summary>The vertebrae, in the order given.</summary>
    public IReadOnlyList<Vertebra> Vertebrae { get; }

    /// <summary>The first vertebra of <paramref name="level"/>, or null.</summary>
    public Vertebra? Find(VertebraLevel level) => Vertebrae.FirstOrDefault(v => v.Level == level);

    /// <summary>A copy with other vertebrae and the same image facts.</summary>
    public LandmarkSet WithVertebrae(IEnumerable<Vertebra> vertebrae) => new(Size, vertebrae, Spacing, ImageName);

    /// <summary>Every corner in order (tl, tr, bl, br per vertebra), as the challenge's program consumes them.</summary>
    public Point2[] CornerArray() => Vertebrae.SelectMany(v => v.CornerArray()).ToArray();
}
