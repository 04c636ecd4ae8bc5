using System.CommandLine;
using System.Globalization;
using SpineKit.Imaging;

namespace SpineKit.Cli;

/// <summary>The <c>--max-megapixels</c> option of the commands that decode radiographs: the pixel budget of <see cref="ImageReadOptions"/>.</summary>
internal static class DecodeLimitOption
{
    /// <summary>Creates the option (default <see cref="ImageReadOptions.DefaultMaxPixels"/>, must be positive).</summary>
    public static Option<double> Create()
    {
        var option = new Option<double>("--max-megapixels")
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"Refuse images larger than this many megapixels, judged from their headers before decoding (default {ImageReadOptions.DefaultMaxPixels / 1e6:0})."),
            DefaultValueFactory = _ => ImageReadOptions.DefaultMaxPixels / 1e6,
        };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (!double.IsFinite(value) || value <= 0 || value > Imaging.Image.MaxPixelCount / 1e6)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--max-megapixels must be a number above 0 and at most {Imaging.Image.MaxPixelCount / 1e6:0}"));
            }
        });
        return option;
    }

    /// <summary>The read options for the option's value.</summary>
    public static ImageReadOptions ToReadOptions(double megapixels) => new() { MaxPixels = (long)(megapixels * 1e6) };
}
