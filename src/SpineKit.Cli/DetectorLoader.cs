using System.CommandLine;
using SpineKit.Detection.Inference;
using SpineKit.Detection.LevelNaming;
using SpineKit.Detection.Refinement;

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

    /// <summary>The <c>--refiner</c> option.</summary>
    public static Option<string?> RefinerOption() => new("--refiner")
    {
        Description = $"Corner refiner that predicts every vertebra again on a full-resolution crop (default: models/{ModelLocator.RefinerModel} when present; 'none' keeps the corner model's corners).",
    };

    /// <summary>The <c>--levels</c> option.</summary>
    public static Option<string?> LevelClassifierOption() => new("--levels")
    {
        Description = $"Level classifier that names the locator's vertebrae from anatomy (default: models/{ModelLocator.LevelClassifierModel} when present; 'none' keeps the locator's level estimates).",
    };

    /// <summary>
    /// Loads the corner model (<paramref name="explicitModel"/>: from <c>--model</c>, else the shipped one), the
    /// locator as <paramref name="locator"/> says and the refiner as <paramref name="refiner"/> says (the same rule:
    /// shipped by default with the shipped corner model, 'none' to leave it out, a file to use that one), and the level
    /// classifier as <paramref name="levels"/> says (the same rule; it works only behind a locator).
    /// </summary>
    public static LandmarkDetector Create(string? explicitModel, string? locator, string? refiner = null, string? levels = null)
    {
        var model = LandmarkModel.Load(ModelLocator.Resolve(explicitModel, ModelLocator.LandmarkModel));
        var refinerModel = Optional(refiner, explicitModel, ModelLocator.RefinerModel) is { } refinerPath ? CornerRefinerModel.Load(refinerPath) : null;
        if (model.IsFieldOfViewModel)
        {
            // A field-of-view model given as --model is its own locator.
            return new LandmarkDetector(model, null, refinerModel);
        }

        var locatorPath = Optional(locator, explicitModel, ModelLocator.LocatorModel);
        var levelsPath = locatorPath is null ? null : Optional(levels, explicitModel, ModelLocator.LevelClassifierModel);
        return new LandmarkDetector(model, locatorPath is null ? null : LandmarkModel.Load(locatorPath), refinerModel, levelsPath is null ? null : LevelClassifierModel.Load(levelsPath));
    }

    /// <summary>
    /// The file of an optional stage: none for 'none', or by default when <c>--model</c> names a model of its own
    /// (so evaluating a model measures that model), or when the shipped file is absent; else the file named or shipped.
    /// </summary>
    private static string? Optional(string? value, string? explicitModel, string shippedName)
    {
        if (string.Equals(value, "none", StringComparison.OrdinalIgnoreCase) || (value is null && explicitModel is not null))
        {
            return null;
        }

        try
        {
            return ModelLocator.Resolve(value, shippedName);
        }
        catch (FileNotFoundException) when (value is null)
        {
            return null;
        }
    }
}
