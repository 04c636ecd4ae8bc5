namespace SpineKit.Neural.Tests.Kernels;

/// <summary>The definition of a 2x2, stride-2 max pool by window loops: NaN in a window wins, odd edges dropped.</summary>
internal static class MaxPool2x2Reference
{
    public static float[] Pool(float[] input, int planes, int height, int width)
    {
        int outHeight = height / 2, outWidth = width / 2;
        var output = new float[planes * outHeight * outWidth];
        for (var p = 0; p < planes; p++)
        {
            for (var oy = 0; oy < outHeight; oy++)
            {
                for (var ox = 0; ox < outWidth; ox++)
                {
                    var best = float.NegativeInfinity;
                    for (var dy = 0; dy < 2; dy++)
                    {
                        for (var dx = 0; dx < 2; dx++)
                        {
                            var value = input[(((p * height) + (2 * oy) + dy) * width) + (2 * ox) + dx];
                            best = float.IsNaN(value) || float.IsNaN(best) ? float.NaN : Math.Max(best, value);
                        }
                    }

                    output[(((p * outHeight) + oy) * outWidth) + ox] = best;
                }
            }
        }

        return output;
    }
}
