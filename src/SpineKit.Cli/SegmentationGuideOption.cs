using System.CommandLine;
using SpineKit.Detection.Inference;
using SpineKit.Detection.Segmentation.PostProcessing;

namespace SpineKit.Cli;

/// <summary>The <c>--guide</c> option of the segmentation commands and the landmark stages it needs.</summary>
internal static class SegmentationGuideOption
{
    /// <summary>The value that restricts the mask to the landmark stages' vertebrae.</summary>
    public const string Landmarks = "landmarks";

    /// <summary>The value that keeps the whole-film mask.</summary>
    public const string None = "none";

    /// <summary>The option (default <see cref="Landmarks"/>: measured better on the validation split, see the model card).</summary>
    public static Option<string> Create()
    {
        var option = new Option<string>("--guide")
        {
            Description = "'landmarks' (default): the mask follows the vertebrae T1..L5 the landmark stages find (the guide measured best on the validation split: their filled corner quadrilaterals; films without a spine found keep the vote's mask); 'none': the vote's mask over the whole film.",
            DefaultValueFactory = _ => Landmarks,
        };
        option.AcceptOnlyFromAmong(Landmarks, None);
        return option;
    }

    /// <summary>The guide the (validated) option asks for, or null.</summary>
    public static LandmarkGuide? Guide(string? value) => value == None ? null : LandmarkGuide.Default;

    /// <summary>
    /// The landmark stages as <c>analyze</c> loads them (<paramref name="explicitPath"/>: a corner model given by the
    /// user, which then runs alone), or null with a note on <paramref name="errors"/> when no path was given and the
    /// shipped model is absent (<paramref name="consequence"/> says what the user loses).
    /// </summary>
    public static LandmarkDetector? LoadDetector(string? explicitPath, TextWriter errors, string consequence)
    {
        try
        {
            ModelLocator.Resolve(explicitPath, ModelLocator.LandmarkModel);
        }
        catch (FileNotFoundException) when (explicitPath is null)
        {
            errors.WriteLine($"spinekit: no landmark model found (models/{ModelLocator.LandmarkModel}); {consequence}");
            return null;
        }

        return DetectorLoader.Create(explicitPath, null);
    }
}
