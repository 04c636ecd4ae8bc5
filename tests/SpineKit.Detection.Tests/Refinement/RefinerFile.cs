using SpineKit.Detection.Refinement;
using SpineKit.Neural.Persistence;

namespace SpineKit.Detection.Tests.Refinement;

/// <summary>
/// A small untrained refiner of a design no shipped refiner has (the regression head, CLAHE crops), written to a
/// model file in a folder of its own (loading from a file is what compiles the fused network and what the export reads).
/// </summary>
internal sealed class RefinerFile : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("spinekit-regression-refiner-").FullName;

    public RefinerFile(int seed, CornerRefinerConfig? config = null)
    {
        config ??= Regression;
        Path = System.IO.Path.Combine(_directory, "refiner.safetensors");
        var network = new CornerRefinerNet(config, new Random(seed));

        // Running statistics other than the initial 0 and 1, so folding the batch norms into the convolutions is tested.
        var random = new Random(seed + 1);
        foreach (var (name, buffer) in network.NamedBuffers().Where(b => b.Name.EndsWith("running_mean", StringComparison.Ordinal) || b.Name.EndsWith("running_var", StringComparison.Ordinal)))
        {
            for (var i = 0; i < buffer.Data.Length; i++)
            {
                buffer.Data[i] = name.EndsWith("mean", StringComparison.Ordinal) ? (float)(random.NextDouble() - 0.5) : (float)(0.5 + random.NextDouble());
            }
        }

        SafeTensorsWriter.Write(Path, network.StateDict(), config.ToMetadata());
    }

    /// <summary>64-pixel crops, a narrow encoder, the regression head (the default design of the file).</summary>
    public static CornerRefinerConfig Regression { get; } = new(64, 1.7, [8, 8, 16, 16], 8) { Head = CornerRefinerHead.Regression };

    public string Path { get; }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
