using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using SpineKit.Imaging;
using SpineKit.Imaging.Formats.Png;

namespace SpineKit.Cli.Commands;

/// <summary>
/// <c>spinekit convert INPUTS... --out DIR [--window C,W] [--raw16] [--frame N]</c>: writes each input as PNG, the 8-bit display
/// rendering by default or the 16-bit modality values, keeping the pixel spacing in a pHYs chunk. Folders are walked
/// as <c>analyze</c> walks them (without the output folder); a bad file is reported and skipped; the exit code says so.
/// </summary>
internal static class ConvertImagesCommand
{
    public static Command Create()
    {
        var inputs = InputArgument.Create("PNG, JPEG or DICOM files, or folders to walk.");
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for the PNG files (created if missing).", Required = true };
        var window = new Option<VoiWindow?>("--window")
        {
            Description = "Display window as CENTER,WIDTH in modality units (overrides the file's window).",
            CustomParser = ParseWindow,
        };
        var raw16 = new Option<bool>("--raw16") { Description = "Write 16-bit values after the modality transform instead of the 8-bit display rendering." };
        var frame = new Option<int>("--frame") { Description = "Frame of multi-frame DICOM files to convert, counting from 1.", DefaultValueFactory = _ => 1 };
        frame.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--frame counts from 1");
            }
        });
        var acceptTruncated = new Option<bool>("--accept-truncated") { Description = "Convert what is left of a JPEG cut short (the missing part comes out grey) instead of refusing it; never use the result for measurements." };
        var overwrite = OutputFile.OverwriteOption();
        var command = new Command("convert", "Convert images to PNG: 8-bit display rendering, or 16-bit with --raw16.") { inputs, output, window, raw16, frame, acceptTruncated, overwrite };
        command.Validators.Add(result =>
        {
            if (result.GetValue(raw16) && result.GetValue(window) is not null)
            {
                result.AddError("--window and --raw16 cannot be combined (16-bit output is unwindowed)");
            }
        });
        command.SetAction(parseResult =>
        {
            var directory = parseResult.GetValue(output)!;
            directory.Create();
            var error = parseResult.InvocationConfiguration.Error;
            var failures = 0;
            var written = new HashSet<string>(StringComparer.Ordinal);
            var files = InputFiles.Expand(parseResult.GetValue(inputs)!, directory.FullName, note => error.WriteLine($"spinekit: {note}"));
            foreach (var input in files)
            {
                try
                {
                    var options = new ImageReadOptions { AcceptTruncated = parseResult.GetValue(acceptTruncated) };
                    var bytes = ImageReader.ReadBytes(input.Path, options);
                    if (!input.Explicit && ImageReader.DetectFormat(bytes) is null)
                    {
                        // A file found while walking a folder that is not an image (a README) is skipped, as analyze skips it.
                        continue;
                    }

                    var target = UniqueName(directory.FullName, Path.GetFileNameWithoutExtension(input.Path), written);
                    OutputFile.RequireFree(parseResult.GetValue(overwrite), target);
                    var image = ImageReader.Read(bytes, parseResult.GetValue(frame) - 1, options);
                    var png = parseResult.GetValue(raw16)
                        ? PngEncoder.Encode(image.RenderModality16(), spacing: image.Metadata.PixelSpacing)
                        : PngEncoder.Encode(image.RenderDisplay(parseResult.GetValue(window)), spacing: image.Metadata.PixelSpacing);
                    OutputFile.Write(target, png, parseResult.GetValue(overwrite));
                    parseResult.InvocationConfiguration.Output.WriteLine($"{input.DisplayName} -> {target}");
                }
                catch (Exception exception) when (UserFacingError.TryDescribe(exception, out var message))
                {
                    error.WriteLine($"spinekit: {input.DisplayName}: {message}");
                    failures++;
                }
            }

            if (failures > 0)
            {
                error.WriteLine($"spinekit: {failures} of {files.Count} files could not be converted");
            }

            return failures == 0 ? ExitCodes.Success : ExitCodes.ProcessingError;
        });
        return command;
    }

    private static VoiWindow? ParseWindow(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        var parts = text.Split(',');
        if (parts.Length == 2 &&
            double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var center) &&
            double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var width) &&
            double.IsFinite(center) && double.IsFinite(width) && width >= 1)
        {
            return new VoiWindow(center, width);
        }

        result.AddError($"--window expects CENTER,WIDTH with WIDTH >= 1, got '{text}'");
        return null;
    }

    /// <summary>NAME.png, or NAME-2.png and so on when two inputs share a base name in one run.</summary>
    private static string UniqueName(string directory, string baseName, HashSet<string> written)
    {
        var candidate = Path.Combine(directory, baseName + ".png");
        for (var n = 2; !written.Add(candidate); n++)
        {
            candidate = Path.Combine(directory, $"{baseName}-{n}.png");
        }

        return candidate;
    }
}
