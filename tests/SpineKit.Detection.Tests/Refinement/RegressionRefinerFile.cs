using SpineKit.Detection.Refinement;
using SpineKit.Neural.Persistence;

namespace SpineKit.Detection.Tests.Refinement;

/// <summary>
/// A small untrained refiner with the regression head, written to a model file in a folder of its own (no
/// regression refiner ships, and loading from a file is what compiles the fused network).
/// </summary>
internal sealed class RegressionRefinerFile : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("spinekit-regression-refiner-").FullName;

    public RegressionRefinerFile(int seed)
    {
        Path = System.IO.Path.Combine(_directory, "refiner.safetensors");
        SafeTensorsWriter.Write(Path, new CornerRefinerNet(Config, new Random(seed)).StateDict(), Config.ToMetadata());
    }

    /// <summary>64-pixel crops, a narrow encoder, the regression head.</summary>
    public static CornerRefinerConfig Config { get; } = new(64, 1.7, [8, 8, 16, 16], 8, CornerRefinerHead.Regression);

    public string Path { get; }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
