namespace SpineKit.Detection.Segmentation.Networks;

/// <summary>The four U-Net variants compared in the segmentation ablation; they differ in the encoder and the skips only.</summary>
public enum SegmentationArchitecture
{
    /// <summary>Two convolution-BN-ReLU layers per level (the original U-Net).</summary>
    Plain,

    /// <summary>A residual block per encoder level.</summary>
    Residual,

    /// <summary>A squeeze-and-excitation residual block per encoder level.</summary>
    SeResidual,

    /// <summary>Squeeze-and-excitation residual encoder plus attention gates on the skip connections.</summary>
    AttentionSeResidual,
}

/// <summary>The command-line and metadata names of <see cref="SegmentationArchitecture"/>.</summary>
public static class SegmentationArchitectures
{
    private static readonly (SegmentationArchitecture Value, string Name)[] Names =
    [
        (SegmentationArchitecture.Plain, "plain"),
        (SegmentationArchitecture.Residual, "residual"),
        (SegmentationArchitecture.SeResidual, "se-residual"),
        (SegmentationArchitecture.AttentionSeResidual, "attention-se-residual"),
    ];

    /// <summary>Every name, in ablation order.</summary>
    public static IReadOnlyList<string> All { get; } = Names.Select(n => n.Name).ToArray();

    /// <summary>The name of <paramref name="architecture"/>, e.g. <c>attention-se-residual</c>.</summary>
    public static string Name(SegmentationArchitecture architecture) =>
        Names.First(n => n.Value == architecture).Name;

    /// <summary>Parses a name (case-insensitive); throws <see cref="FormatException"/> listing the valid ones.</summary>
    public static SegmentationArchitecture Parse(string name)
    {
        foreach (var (value, text) in Names)
        {
            if (string.Equals(text, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw new FormatException($"Unknown segmentation architecture '{name}': use one of {string.Join(", ", All)}.");
    }
}
