using System.CommandLine;
using SpineKit.Imaging;

namespace SpineKit.Cli.Commands;

/// <summary>
/// <c>spinekit info FILE</c>: what the file is, from its headers only (so files with unsupported pixel compression are
/// described too), without any patient data (the reader never keeps it).
/// </summary>
internal static class ImageInfoCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A PNG, JPEG or DICOM file (recognised by content, not name)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document instead of lines (nothing on the output stream when the file cannot be read)." };
        var command = new Command("info", "Describe an image: format, size, bit depth, photometric interpretation, transfer syntax, pixel spacing, modality/view/body part.")
        {
            file,
            json,
        };
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(file)!.FullName;
            RadiographMetadata metadata;
            try
            {
                metadata = ImageReader.Identify(path);
            }
            catch (Exception exception) when (UserFacingError.TryDescribe(exception, out var message))
            {
                // Handled here: the parser's default handler would otherwise print a stack trace.
                parseResult.InvocationConfiguration.Error.WriteLine($"spinekit: {Path.GetFileName(path)}: {message}");
                return ExitCodes.ProcessingError;
            }

            var output = parseResult.InvocationConfiguration.Output;
            if (parseResult.GetValue(json))
            {
                output.WriteLine(ImageDescription.Json(Path.GetFileName(path), metadata));
                return ExitCodes.Success;
            }

            foreach (var (label, value) in ImageDescription.Lines(Path.GetFileName(path), metadata))
            {
                output.WriteLine($"{label,-13}{value}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
