using System.CommandLine;

namespace SpineKit.Cli;

/// <summary>The <c>--crop</c> option of the trainers of crop networks: the side of the network's square input.</summary>
internal static class CropSideOption
{
    /// <summary>Creates the option with <paramref name="defaultSide"/> as its default; a side must be a multiple of 16 of at least 32 pixels.</summary>
    public static Option<int> Create(int defaultSide)
    {
        var crop = new Option<int>("--crop") { Description = "Side of the network's square crop in pixels (a multiple of 16).", DefaultValueFactory = _ => defaultSide }.AtLeast(32);
        crop.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() % 16 != 0)
            {
                result.AddError($"--crop must be a multiple of 16, not {result.GetValueOrDefault<int>()}");
            }
        });
        return crop;
    }
}
