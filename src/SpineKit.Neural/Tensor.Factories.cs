namespace SpineKit.Neural;

public sealed partial class Tensor
{
    /// <summary>A tensor of zeros.</summary>
    public static Tensor Zeros(params int[] shape) => new(new float[ShapeLength(shape)], shape);

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    public static Tensor Full(float value, params int[] shape)
    {
        var data = new float[ShapeLength(shape)];
        Array.Fill(data, value);
        return new Tensor(data, shape);
    }

    /// <summary>A tensor of ones.</summary>
    public static Tensor Ones(params int[] shape) => Full(1f, shape);

    /// <summary>A one-element tensor of shape [1].</summary>
    public static Tensor Scalar(float value) => new([value], 1);

    /// <summary>A copy of <paramref name="values"/> shaped as <paramref name="shape"/>.</summary>
    public static Tensor FromValues(ReadOnlySpan<float> values, params int[] shape) => new(values.ToArray(), shape);

    /// <summary>Normal samples with mean 0 and standard deviation <paramref name="std"/> (Box-Muller on <paramref name="random"/>).</summary>
    public static Tensor RandomNormal(Random random, float std, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(random);
        var data = new float[ShapeLength(shape)];
        for (var i = 0; i < data.Length; i += 2)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var radius = Math.Sqrt(-2.0 * Math.Log(u1)) * std;
            data[i] = (float)(radius * Math.Cos(2 * Math.PI * u2));
            if (i + 1 < data.Length)
            {
                data[i + 1] = (float)(radius * Math.Sin(2 * Math.PI * u2));
            }
        }

        return new Tensor(data, shape);
    }

    /// <summary>Uniform samples in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static Tensor RandomUniform(Random random, float low, float high, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(random);
        var data = new float[ShapeLength(shape)];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)(low + ((high - low) * random.NextDouble()));
        }

        return new Tensor(data, shape);
    }
}
