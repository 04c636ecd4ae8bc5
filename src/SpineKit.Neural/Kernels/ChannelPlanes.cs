namespace SpineKit.Neural.Kernels;

/// <summary>
/// Where the channel planes of an NCHW map live: all in one array, or split between two arrays (the first
/// <c>firstChannels</c> channels of each image in one, the rest in the other), which is how a convolution reads the
/// channel concatenation of two maps without the concatenation ever being written.
/// </summary>
internal readonly unsafe struct ChannelPlanes
{
    private readonly float* first;
    private readonly float* second;
    private readonly int firstChannels;
    private readonly long planeLength;

    private ChannelPlanes(float* first, int firstChannels, float* second, long planeLength)
    {
        this.first = first;
        this.firstChannels = firstChannels;
        this.second = second;
        this.planeLength = planeLength;
    }

    /// <summary>Whether every plane is in one array (<see cref="First"/>), image after image.</summary>
    public bool IsContiguous => second == null;

    /// <summary>The first array.</summary>
    public float* First => first;

    /// <summary>A map stored whole at <paramref name="map"/>, whose images have <paramref name="channels"/> planes of <paramref name="planeLength"/> floats.</summary>
    public static ChannelPlanes Contiguous(float* map, int channels, long planeLength) => new(map, channels, null, planeLength);

    /// <summary>The concatenation of <paramref name="first"/> (<paramref name="firstChannels"/> channels per image) and <paramref name="second"/> (the rest).</summary>
    public static ChannelPlanes Split(float* first, int firstChannels, float* second, long planeLength) => new(first, firstChannels, second, planeLength);

    /// <summary>Image <paramref name="n"/> of a map with <paramref name="channels"/> channels per image, from channel <paramref name="channel0"/> on.</summary>
    public ChannelPlanes Image(int n, int channels, int channel0)
    {
        var secondChannels = channels - firstChannels;
        var firstImage = first + ((long)n * firstChannels * planeLength);
        var secondImage = second == null ? null : second + ((long)n * secondChannels * planeLength);
        return channel0 < firstChannels
            ? new ChannelPlanes(firstImage + (channel0 * planeLength), second == null ? channels - channel0 : firstChannels - channel0, secondImage, planeLength)
            : new ChannelPlanes(secondImage + ((channel0 - firstChannels) * planeLength), channels - channel0, null, planeLength);
    }

    /// <summary>Plane <paramref name="channel"/> of an image view (from <see cref="Image"/>).</summary>
    public float* Plane(int channel) => channel < firstChannels
        ? first + (channel * planeLength)
        : second + ((channel - firstChannels) * planeLength);
}
