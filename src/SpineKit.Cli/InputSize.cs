using System.Globalization;

namespace SpineKit.Cli;

/// <summary>The <c>--input-size WIDTHxHEIGHT</c> option of the training commands.</summary>
internal static class InputSize
{
    /// <summary>Parses <c>256x512</c>; anything else is a <see cref="FormatException"/> naming the option.</summary>
    public static (int Width, int Height) Parse(string text)
    {
        var parts = text.Split('x');
        return parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var width) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var height)
            ? (width, height)
            : throw new FormatException($"--input-size must look like 256x512, not '{text}'.");
    }
}
