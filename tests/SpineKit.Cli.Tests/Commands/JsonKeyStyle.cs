using System.Text.Json;
using System.Text.RegularExpressions;

namespace SpineKit.Cli.Tests.Commands;

/// <summary>Every machine-readable output of the command line uses one key style: camelCase, as the analysis files do.</summary>
internal static partial class JsonKeyStyle
{
    /// <summary>Fails naming the first key of <paramref name="element"/> (at any depth) that is not camelCase; keys that are data (numbers, thresholds) are allowed.</summary>
    public static void AssertCamelCase(JsonElement element, string path = "$")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Assert.True(CamelCase().IsMatch(property.Name) || char.IsAsciiDigit(property.Name[0]), $"{path}.{property.Name} is not camelCase");
                    AssertCamelCase(property.Value, $"{path}.{property.Name}");
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    AssertCamelCase(item, $"{path}[{index++}]");
                }

                break;
        }
    }

    [GeneratedRegex("^[a-z][A-Za-z0-9]*$")]
    private static partial Regex CamelCase();
}
