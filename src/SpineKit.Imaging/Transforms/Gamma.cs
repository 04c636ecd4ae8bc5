namespace SpineKit.Imaging.Transforms;

/// <summary>Power-law intensity curve on [0, 1] images: <c>v' = clamp(v, 0, 1)^gamma</c>.</summary>
public static class Gamma
{
    /// <summary>Applies the curve; gamma below 1 brightens, above 1 darkens.</summary>
    public static Image<float> Apply(Image<float> source, double gamma)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!(gamma > 0 && double.IsFinite(gamma)))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Gamma must be a positive finite number.");
        }

        var result = new Image<float>(source.Width, source.Height, source.Channels);
        var g = (float)gamma;
        var input = source.Pixels;
        var output = result.Pixels;
        for (var i = 0; i < input.Length; i++)
        {
            output[i] = MathF.Pow(Math.Clamp(input[i], 0f, 1f), g);
        }

        return result;
    }

    /// <summary>Applies a gamma drawn log-uniformly from [<paramref name="minimum"/>, <paramref name="maximum"/>] (an augmentation).</summary>
    public static Image<float> ApplyRandom(Image<float> source, double minimum, double maximum, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(minimum > 0 && maximum >= minimum && double.IsFinite(maximum)))
        {
            throw new ArgumentOutOfRangeException(nameof(minimum), $"Need 0 < minimum <= maximum, got {minimum}..{maximum}.");
        }

        var gamma = Math.Exp(Math.Log(minimum) + (random.NextDouble() * (Math.Log(maximum) - Math.Log(minimum))));
        return Apply(source, gamma);
    }
}
