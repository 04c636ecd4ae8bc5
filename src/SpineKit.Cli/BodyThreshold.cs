using System.CommandLine;
using System.Globalization;
using SpineKit.Detection.Segmentation.Inference;

namespace SpineKit.Cli;

/// <summary>The <c>--body-threshold</c> option of the segmentation commands.</summary>
internal static class BodyThreshold
{
    /// <summary>The option; absent means the models' calibrated threshold.</summary>
    public static Option<string?> CreateOption()
    {
        var option = new Option<string?>("--body-threshold")
        {
            Description = "Body where its probability reaches this value (0..1), or 'argmax' for the most probable class; default: the fold models' calibrated threshold.",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && !TryParse(text, out _))
            {
                result.AddError($"--body-threshold must be a number between 0 and 1 or 'argmax', not '{text}'");
            }
        });
        return option;
    }

    /// <summary>The ensemble deciding as the (validated) option says.</summary>
    public static SegmentationEnsemble Apply(SegmentationEnsemble ensemble, string? text) =>
        text is not null && TryParse(text, out var threshold) ? ensemble.WithBodyThreshold(threshold) : ensemble;

    /// <summary>How the ensemble decides, for the user.</summary>
    public static string Describe(SegmentationEnsemble ensemble) => ensemble.BodyThreshold is { } t
        ? string.Create(CultureInfo.InvariantCulture, $"body threshold {t:0.00}")
        : "arg-max (no calibrated body threshold)";

    private static bool TryParse(string text, out double? threshold)
    {
        threshold = null;
        if (text == "argmax")
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is > 0 and < 1)
        {
            threshold = value;
            return true;
        }

        return false;
    }
}
