using System.Globalization;
using System.Reflection;
using SpineKit.Anatomy;
using SpineKit.Detection.Inference;
using SpineKit.Detection.LevelNaming;
using SpineKit.Detection.Networks;
using SpineKit.Detection.Refinement;
using SpineKit.Detection.Segmentation.Inference;
using SpineKit.Detection.Segmentation.Networks;
using SpineKit.Neural;
using SpineKit.Neural.Onnx;
using SpineKit.Neural.Persistence;

namespace SpineKit.Detection.Export;

/// <summary>
/// Exports the shipped model types to ONNX (opset 17): the landmark and locator networks (<see cref="VertebraNet"/>),
/// the corner refiner, the level classifier and the segmentation U-Nets. The graph computes the network's evaluation-mode forward pass
/// with dynamic batch, height and width; the pre-processing (resizing, standardisation) and the decoding stay
/// outside it and are described in the file's metadata next to every entry of the model file's own metadata
/// (configuration, training command, validation figures).
/// </summary>
public static class OnnxModelExport
{
    /// <summary>Reads a SpineKit model file and returns its ONNX form; a file that is not one raises <see cref="ModelFormatException"/>.</summary>
    public static OnnxExport FromFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Model file not found: {path}", path);
        }

        var metadata = SafeTensorsReader.Read(path).Metadata;
        var network = metadata.TryGetValue("network", out var name)
            ? name
            : throw new ModelFormatException($"{Path.GetFileName(path)}: the metadata names no network: it was not written by a SpineKit trainer.");
        return network switch
        {
            "VertebraNet" => Landmarks(LandmarkModel.Load(path)),
            CornerRefinerConfig.NetworkName => Refiner(CornerRefinerModel.Load(path)),
            LevelClassifierConfig.NetworkName => LevelClassifier(LevelClassifierModel.Load(path)),
            SegmentationNetConfig.NetworkName => Segmentation(SegmentationModel.Load(path)),
            _ => throw new ModelFormatException($"{Path.GetFileName(path)}: a '{network}' network has no ONNX export (known: VertebraNet, {CornerRefinerConfig.NetworkName}, {LevelClassifierConfig.NetworkName}, {SegmentationNetConfig.NetworkName})."),
        };
    }

    /// <summary>The ONNX form of a landmark or locator model.</summary>
    public static OnnxExport Landmarks(LandmarkModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var config = model.Config;
        var hints = config.HintChannels > 0
            ? $", channels 1-{config.HintChannels} the correction hints (one Gaussian per corrected corner and corner kind tl, tr, bl, br; zeros without corrections)"
            : string.Empty;
        var level = config.LevelChannel ? ", channel 9 the scaled level index" : string.Empty;
        var description = new Description(
            "image",
            $"[batch, {config.InputChannels}, height, width]: channel 0 the radiograph resized to {config.InputWidth}x{config.InputHeight} (width x height) and {(config.Normalization == InputNormalization.ClaheStandardize ? "CLAHE-equalised then standardised" : "standardised")} (zero mean, unit deviation){hints}; height and width multiples of 32",
            "heads",
            $"[batch, {config.OutputChannels}, height/{VertebraNetConfig.OutputStride}, width/{VertebraNetConfig.OutputStride}]: channel 0 the vertebra-centre logit, channels 1-8 the (dx, dy) offsets in output cells from the cell centre to the tl, tr, bl, br corners{level}",
            "SpineKit landmark network (VertebraNet): vertebra centres and corner offsets.");
        return Build(model.Network, config.InputChannels, config.OutputChannels, 32, description, model.Metadata, model.Source);
    }

    /// <summary>The ONNX form of a corner refiner model (the heatmap logits or the regressed coordinates; the read-out stays outside).</summary>
    public static OnnxExport Refiner(CornerRefinerModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var config = model.Config;
        var context = config.Context.ToString("0.##", CultureInfo.InvariantCulture);
        var normalized = config.Normalization == InputNormalization.ClaheStandardize ? RefinerCrops.ClaheDescription : "standardised";
        const int Stride = CornerRefinerConfig.OutputStride;
        if (config.Head == CornerRefinerHead.Regression)
        {
            var centre = ((config.OutputSize - 1) / 2.0).ToString("0.##", CultureInfo.InvariantCulture);
            var regression = new Description(
                "crop",
                $"[batch, 1, {config.CropSize}, {config.CropSize}]: one vertebra's crop, {context} times its larger side, resized to {config.CropSize}x{config.CropSize} and {normalized}; exactly that size (the head is fully connected)",
                "corner_offsets",
                $"[batch, 8]: x, y of the tl, tr, bl, br corners in output cells from the crop's centre; plus {centre}, times {Stride} plus {Stride / 2}, give the corner in crop pixels",
                "SpineKit corner refiner (CornerRefinerNet, regression head): the four corners of a vertebra's crop.");
            return Build(model.Network, 1, 8, config.CropSize, regression, model.Metadata, model.Source, spatialOutput: false);
        }

        var description = new Description(
            "crop",
            $"[batch, 1, height, width]: one vertebra's crop, {context} times its larger side, resized to {config.CropSize}x{config.CropSize} and {normalized}; sides multiples of 16",
            "corner_heatmaps",
            $"[batch, 4, height/{Stride}, width/{Stride}]: the tl, tr, bl, br corner heatmap logits; a softmax over each map and its expected cell position, times {Stride} plus {Stride / 2}, give the corner in crop pixels",
            "SpineKit corner refiner (CornerRefinerNet): one heatmap per vertebra corner.");
        return Build(model.Network, 1, 4, 16, description, model.Metadata, model.Source);
    }

    /// <summary>The ONNX form of a level classifier model (the class logits; the crops and the chain's naming stay outside).</summary>
    public static OnnxExport LevelClassifier(LevelClassifierModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var config = model.Config;
        var classes = LevelClassifierConfig.Classes.Count;
        var description = new Description(
            "crop",
            $"[batch, 1, {config.CropSize}, {config.CropSize}]: one vertebra's crop, centred on it and turned to its axis, {config.Context.ToString("0.##", CultureInfo.InvariantCulture)} times its larger side, sampled at twice the size, averaged down and standardised; exactly {config.CropSize}x{config.CropSize} (the classifier is fully connected)",
            "level_logits",
            $"[batch, {classes}]: logits of the levels {string.Join(", ", LevelClassifierConfig.Classes.Select(VertebraLevels.Name))}",
            "SpineKit level classifier (LevelClassifierNet): which level a vertebra is, from a wide crop around it.");
        return Build(model.Network, 1, classes, config.CropSize, description, model.Metadata, model.Source, spatialOutput: false);
    }

    /// <summary>The ONNX form of a segmentation model.</summary>
    public static OnnxExport Segmentation(SegmentationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var config = model.Config;
        var description = new Description(
            "image",
            $"[batch, 1, height, width]: the radiograph stretched to {config.InputWidth}x{config.InputHeight} (width x height) and standardised (zero mean, unit deviation); sides multiples of {config.Stride}",
            "class_logits",
            $"[batch, {SegmentationNetConfig.Classes}, height, width]: per-pixel logits of background, vertebral body, gap between vertebrae",
            $"SpineKit vertebral-body segmentation ({SegmentationArchitectures.Name(config.Architecture)} U-Net).");
        return Build(model.Network, 1, SegmentationNetConfig.Classes, config.Stride, description, model.Metadata, model.Source);
    }

    private static OnnxExport Build<TNetwork>(TNetwork network, int inputChannels, int outputChannels, int sideMultiple, Description description, IReadOnlyDictionary<string, string> modelMetadata, ModelFile? source, bool spatialOutput = true)
        where TNetwork : SpineKit.Neural.Layers.Module, IOnnxExportable
    {
        var networkName = network.GetType().Name;
        var graph = new OnnxGraphBuilder(networkName, network);
        var input = graph.AddInput(description.InputName, inputChannels);
        graph.AddOutput(network.ExportOnnx(graph, input), description.OutputName, outputChannels, spatialOutput);
        var metadata = new Dictionary<string, string>(modelMetadata, StringComparer.Ordinal)
        {
            ["onnx_input"] = $"{description.InputName} {description.Input}",
            ["onnx_output"] = $"{description.OutputName} {description.Output}",
            ["onnx_side_multiple"] = sideMultiple.ToString(CultureInfo.InvariantCulture),
        };
        if (source is not null)
        {
            metadata["source_file"] = source.Name;
            metadata["source_sha256"] = source.Sha256;
        }

        var version = typeof(OnnxModelExport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var bytes = graph.ToModelBytes(metadata, description.Summary + " Research use only, not for diagnosis.", version);
        return new OnnxExport(bytes, networkName, description.InputName, inputChannels, description.OutputName, outputChannels, sideMultiple, FixedSide: !spatialOutput);
    }

    private sealed record Description(string InputName, string Input, string OutputName, string Output, string Summary);
}
