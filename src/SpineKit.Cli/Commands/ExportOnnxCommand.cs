using System.CommandLine;
using System.Globalization;
using SpineKit.Detection.Export;

namespace SpineKit.Cli.Commands;

/// <summary>
/// <c>spinekit export onnx</c>: writes a shipped or trained model (landmarks, locator, refiner, segmentation) as an
/// ONNX file (opset 17, dynamic batch, height and width) that ONNX Runtime and other ONNX tools load.
/// </summary>
internal static class ExportOnnxCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "SpineKit model file (.safetensors): a landmark, locator, refiner or segmentation model.", Required = true };
        var output = new Option<FileInfo?>("--out") { Description = "ONNX file to write (default: the model's name with .onnx, in the current folder)." };
        var overwrite = OutputFile.OverwriteOption();
        var command = new Command("onnx", "Export a model to ONNX (opset 17): named input and output, dynamic height and width, the model card's metadata.");
        command.Options.Add(model);
        command.Options.Add(output);
        command.Options.Add(overwrite);
        command.SetAction(parseResult =>
        {
            var modelPath = parseResult.GetValue(model)!.FullName;
            var outputPath = parseResult.GetValue(output)?.FullName ?? Path.GetFullPath(Path.ChangeExtension(Path.GetFileName(modelPath), ".onnx"));
            var replace = parseResult.GetValue(overwrite);
            OutputFile.RequireFree(replace, outputPath);
            var export = OnnxModelExport.FromFile(modelPath);
            OutputFile.Write(outputPath, export.Bytes, replace);
            var writer = parseResult.InvocationConfiguration.Output;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {outputPath} ({export.Bytes.Length / 1048576.0:0.0} MB, {export.Network}, ONNX opset 17)"));
            writer.WriteLine(export.FixedSide
                ? $"  input  {export.InputName} [batch, {export.InputChannels}, {export.SideMultiple}, {export.SideMultiple}], exactly that size"
                : $"  input  {export.InputName} [batch, {export.InputChannels}, height, width], height and width multiples of {export.SideMultiple}");
            writer.WriteLine($"  output {export.OutputName} [batch, {export.OutputChannels}, ...]; the file's metadata describes both and carries the model card's fields");
            return ExitCodes.Success;
        });
        return command;
    }
}
