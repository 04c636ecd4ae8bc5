namespace SpineKit.Imaging.Kernels;

/// <summary>
/// The scalar fallback of <see cref="Resampler"/>: the two separable resampling passes one sample at a time, run on
/// CPUs (or forced paths) without the vector body and for the shapes it does not take.
/// </summary>
internal static class ResamplerScalar
{
    /// <summary>
    /// Resamples each of <paramref name="rows"/> rows of <c>weights.SourceSize</c> interleaved pixels of
    /// <paramref name="channels"/> samples into <c>weights.DestinationSize</c> pixels.
    /// </summary>
    public static void Horizontal(ReadOnlySpan<float> source, int rows, int channels, ResampleWeights weights, Span<float> destination)
    {
        var sourceRow = weights.SourceSize * channels;
        var destinationRow = weights.DestinationSize * channels;
        var taps = weights.TapCount;
        for (var y = 0; y < rows; y++)
        {
            var input = source.Slice(y * sourceRow, sourceRow);
            var output = destination.Slice(y * destinationRow, destinationRow);
            for (var x = 0; x < weights.DestinationSize; x++)
            {
                var first = weights.Start[x] * channels;
                for (var c = 0; c < channels; c++)
                {
                    var sum = weights.Weights[x * taps] * input[first + c];
                    for (var k = 1; k < taps; k++)
                    {
                        sum += weights.Weights[(x * taps) + k] * input[first + (k * channels) + c];
                    }

                    output[(x * channels) + c] = sum;
                }
            }
        }
    }

    /// <summary>
    /// Resamples <c>weights.SourceSize</c> rows of <paramref name="rowLength"/> samples into
    /// <c>weights.DestinationSize</c> rows, each output row a weighted sum of whole input rows.
    /// </summary>
    public static void Vertical(ReadOnlySpan<float> source, int rowLength, ResampleWeights weights, Span<float> destination) =>
        Vertical(source, rowLength, rowLength, weights, destination);

    /// <summary>
    /// As <see cref="Vertical(ReadOnlySpan{float}, int, ResampleWeights, Span{float})"/> on rows of
    /// <paramref name="rowLength"/> samples that lie <paramref name="sourceStride"/> samples apart in
    /// <paramref name="source"/> (a rectangle of a wider image, resampled without copying it out first).
    /// </summary>
    public static void Vertical(ReadOnlySpan<float> source, int sourceStride, int rowLength, ResampleWeights weights, Span<float> destination)
    {
        var taps = weights.TapCount;
        for (var y = 0; y < weights.DestinationSize; y++)
        {
            var first = weights.Start[y];
            var output = destination.Slice(y * rowLength, rowLength);
            for (var j = 0; j < rowLength; j++)
            {
                var sum = weights.Weights[y * taps] * source[(first * sourceStride) + j];
                for (var k = 1; k < taps; k++)
                {
                    sum += weights.Weights[(y * taps) + k] * source[((first + k) * sourceStride) + j];
                }

                output[j] = sum;
            }
        }
    }

    /// <summary>
    /// <see cref="Vertical(ReadOnlySpan{float}, int, ResampleWeights, Span{float})"/> reading 8-bit samples, each multiplied by <paramref name="scale"/> (e.g. 1/255) on the
    /// way, so an 8-bit image shrinks straight into floats without a full-size float copy.
    /// </summary>
    public static void VerticalFromBytes(ReadOnlySpan<byte> source, int rowLength, ResampleWeights weights, float scale, Span<float> destination)
    {
        var taps = weights.TapCount;
        for (var y = 0; y < weights.DestinationSize; y++)
        {
            var first = weights.Start[y];
            for (var j = 0; j < rowLength; j++)
            {
                var sum = weights.Weights[y * taps] * scale * source[(first * rowLength) + j];
                for (var k = 1; k < taps; k++)
                {
                    sum += weights.Weights[(y * taps) + k] * scale * source[((first + k) * rowLength) + j];
                }

                destination[(y * rowLength) + j] = sum;
            }
        }
    }
}
