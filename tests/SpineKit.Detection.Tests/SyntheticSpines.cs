using System.Globalization;
using System.Text;
using SpineKit.Imaging;
using SpineKit.Imaging.Formats.Png;

namespace SpineKit.Detection.Tests;

/// <summary>
/// Writes a small dataset in the challenge layout: bright rectangles ("vertebrae") stacked on a noisy
/// dark background, shifted and tilted per image, with their exact corners as labels.
/// </summary>
internal static class SyntheticSpines
{
    public const int Width = 96;
    public const int Height = 192;
    public const int Vertebrae = 4;

    public static string Create(string root, int images, int seed = 5)
    {
        var random = new Random(seed);
        var imagesDirectory = Directory.CreateDirectory(Path.Combine(root, "images")).FullName;
        var labelsDirectory = Directory.CreateDirectory(Path.Combine(root, "labels")).FullName;
        var names = new StringBuilder();
        var landmarks = new StringBuilder();
        for (var i = 0; i < images; i++)
        {
            var name = $"synthetic-{i:00}.png";
            var (image, xs, ys) = Draw(random);
            File.WriteAllBytes(Path.Combine(imagesDirectory, name), PngEncoder.Encode(image));
            names.Append(name).Append('\n');
            landmarks.Append(string.Join(',', xs.Select(x => (x / Width).ToString("R", CultureInfo.InvariantCulture))
                .Concat(ys.Select(y => (y / Height).ToString("R", CultureInfo.InvariantCulture))))).Append('\n');
        }

        File.WriteAllText(Path.Combine(labelsDirectory, "filenames.csv"), names.ToString());
        File.WriteAllText(Path.Combine(labelsDirectory, "landmarks.csv"), landmarks.ToString());
        return root;
    }

    private static (Image<byte> Image, List<double> Xs, List<double> Ys) Draw(Random random)
    {
        var image = new Image<byte>(Width, Height);
        for (var p = 0; p < image.Pixels.Length; p++)
        {
            image.Pixels[p] = (byte)(30 + random.Next(20));
        }

        var xs = new List<double>();
        var ys = new List<double>();
        var left = 30 + random.Next(10);
        var top = 30 + random.Next(10);
        for (var v = 0; v < Vertebrae; v++)
        {
            int x0 = left + (v * 2), y0 = top + (v * 34), w = 30, h = 24;
            for (var y = y0; y < y0 + h; y++)
            {
                for (var x = x0; x < x0 + w; x++)
                {
                    image[x, y] = (byte)(180 + random.Next(40));
                }
            }

            // Corner order tl, tr, bl, br in continuous pixel coordinates.
            xs.AddRange([x0, x0 + w, x0, x0 + w]);
            ys.AddRange([y0, y0, y0 + h, y0 + h]);
        }

        return (image, xs, ys);
    }
}
