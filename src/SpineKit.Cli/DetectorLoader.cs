using System.CommandLine;
using SpineKit.Detection.Inference;

namespace SpineKit.Cli;

/// <summary>
/// Builds the landmark detector the commands use: the corner model and the field-of-view locator that
/// finds the spine on any film first. With the default corner model the shipped locator
/// (<c>models/spinekit-locator-ap.safetensors</c>) comes with it unless <c>--locator none</c>; a model given
/// with <c>--model</c> runs alone unless <c>--locator</c> names one, so evaluating a model measures that model.
/// </summary>
internal static class DetectorLoader
{
    /// <summary>The <c>--locator</c> option.</summary>
    public static Option<string?> LocatorOption() => new("--locator")
    {
        Description = $"Field-of-view model that finds the spine and its levels first (default: models/{ModelLocator.LocatorModel} when present; 'none' runs the corner model alone on the whole film).",
    };

    /// <summary>Loads the corner model (<paramref name="explicitModel"/>: from <c>--model</c>, else the shipped one) and the locator as <paramref name="locator"/> says.</summary>
    public static LandmarkDetector Create(string? explicitModel, string? locator)
    {
        var model = LandmarkModel.Load(ModelLocator.Resolve(explicitModel, ModelLocator.LandmarkModel));
        if (string.Equals(locator, "none", StringComparison.OrdinalIgnoreCase) || model.IsFieldOfViewModel || (locator is null && explicitModel is not null))
        {
            // A field-of-view model given as --model is its own locator.
            return new LandmarkDetector(model);
        }

        string? path;
        try
        {
            path = ModelLocator.Resolve(locator, ModelLocator.LocatorModel);
        }
        catch (FileNotFoundException) when (locator is null)
        {
            path = null;
        }

        return new LandmarkDetector(model, path is null ? null : LandmarkModel.Load(path));
    }
}
