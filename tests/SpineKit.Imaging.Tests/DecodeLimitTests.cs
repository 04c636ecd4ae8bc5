using System.Buffers.Binary;
using System.Diagnostics;
using SpineKit.Imaging.Formats.Png;
using SpineKit.Imaging.Tests.Fuzzing;

namespace SpineKit.Imaging.Tests;

/// <summary>The bounds of <see cref="ImageReadOptions"/>: refused from the headers or the file system, before anything large is allocated.</summary>
public sealed class DecodeLimitTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("spinekit-limits-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void APngWhoseHeaderDeclaresMoreThanTheBudgetIsRefusedBeforeDecoding()
    {
        // A valid 4x4 PNG whose IHDR then claims 9000x9000 (81 megapixels, over the default 80).
        var png = PngEncoder.Encode(new Image<byte>(4, 4));
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), 9000);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), 9000);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32.Compute(png.AsSpan(12, 17)));

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var refusal = Assert.Throws<ImageFormatException>(() => ImageReader.Read(png));
        Assert.Contains("9000x9000", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("80 megapixels", refusal.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore < 1 << 20);

        // The same header is fine under a larger budget (then the missing pixel data is what is refused).
        var damaged = Assert.Throws<ImageFormatException>(() => ImageReader.Read(png, 0, new ImageReadOptions { MaxPixels = 100_000_000 }));
        Assert.DoesNotContain("megapixels", damaged.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Jpeg", "gray-baseline.jpg")]
    [InlineData("Png", "rgb8.png")]
    [InlineData("Dicom", "mono2-u12.dcm")]
    public void EveryFormatHonoursTheBudget(string fixtureFolder, string file)
    {
        var bytes = File.ReadAllBytes(Fixtures.PathOf(fixtureFolder, file));
        var image = ImageReader.Read(bytes).Pixels;
        var justBelow = new ImageReadOptions { MaxPixels = ((long)image.Width * image.Height) - 1 };
        Assert.Contains("megapixels", Assert.Throws<ImageFormatException>(() => ImageReader.Read(bytes, 0, justBelow)).Message, StringComparison.Ordinal);
        Assert.Equal(image.Width, ImageReader.Read(bytes, 0, new ImageReadOptions { MaxPixels = (long)image.Width * image.Height }).Pixels.Width);
    }

    [Fact]
    public void ADeflatedDicomDatasetMayNotInflatePastItsBound()
    {
        var bytes = File.ReadAllBytes(Fixtures.PathOf("Dicom", "mono2-u12-deflated.dcm"));
        Assert.NotNull(ImageReader.Read(bytes));
        var refusal = Assert.Throws<ImageFormatException>(() => ImageReader.Read(bytes, 0, new ImageReadOptions { MaxInflatedBytes = 512 }));
        Assert.Contains("inflates beyond 512 bytes", refusal.Message, StringComparison.Ordinal);
        Assert.Throws<ImageFormatException>(() => ImageReader.Identify(bytes, new ImageReadOptions { MaxInflatedBytes = 512 }));
    }

    [Fact]
    public void ADeflateBombIsStoppedAtTheBoundWithoutAllocatingWhatItClaims()
    {
        // A deflated dataset of ~64 KB that would inflate to 64 MiB: one private OB element of zeros.
        var bomb = DeflatedDicom(64 << 20);
        Assert.True(bomb.Length < 256 << 10);
        var options = new ImageReadOptions { MaxInflatedBytes = 4 << 20 };

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var refusal = Assert.Throws<ImageFormatException>(() => ImageReader.Read(bomb, 0, options));

        Assert.Contains("inflates beyond", refusal.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore < 16 << 20);
    }

    [Fact]
    public void EmptyAndOversizedFilesAreRefusedWithTheirName()
    {
        var empty = Path.Combine(folder, "empty.dcm");
        File.WriteAllBytes(empty, []);
        Assert.Contains("empty.dcm' is empty", Assert.Throws<ImageFormatException>(() => ImageReader.Read(empty)).Message, StringComparison.Ordinal);

        var small = Path.Combine(folder, "small.jpg");
        File.Copy(Fixtures.PathOf("Jpeg", "gray-baseline.jpg"), small);
        Assert.Contains("over the 100-byte limit", Assert.Throws<ImageFormatException>(() => ImageReader.Read(small, 0, new ImageReadOptions { MaxFileBytes = 100 })).Message, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(small), ImageReader.ReadBytes(small));
    }

    [Fact]
    public void PipesAndDevicesAreRefusedWithoutBeingOpened()
    {
        // Opening a pipe for reading waits for a writer forever, and /dev/zero never ends: both must be refused
        // from the file system's answer alone, quickly.
        var pipe = Path.Combine(folder, "film.jpg");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [pipe]) { UseShellExecute = false })!)
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var device = Path.Combine(folder, "zero.dcm");
        File.CreateSymbolicLink(device, "/dev/zero");
        foreach (var path in new[] { pipe, device })
        {
            var clock = Stopwatch.StartNew();
            var refusal = Assert.Throws<ImageFormatException>(() => ImageReader.ReadBytes(path));
            Assert.Contains("not a regular file", refusal.Message, StringComparison.Ordinal);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2));
        }
    }

    private static byte[] DeflatedDicom(int zeros)
    {
        static byte[] Element(ushort group, ushort element, string vr, byte[] value)
        {
            var longForm = vr is "OB" or "OW" or "UN" or "SQ";
            var bytes = new List<byte>();
            bytes.AddRange(BitConverter.GetBytes(group));
            bytes.AddRange(BitConverter.GetBytes(element));
            bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(vr));
            bytes.AddRange(longForm ? [0, 0, .. BitConverter.GetBytes(value.Length)] : BitConverter.GetBytes((ushort)value.Length));
            bytes.AddRange(value);
            return [.. bytes];
        }

        byte[] metaBody = [.. Element(0x0002, 0x0001, "OB", [0, 1]), .. Element(0x0002, 0x0010, "UI", System.Text.Encoding.ASCII.GetBytes("1.2.840.10008.1.2.1.99\0"))];
        byte[] meta = [.. Element(0x0002, 0x0000, "UL", BitConverter.GetBytes(metaBody.Length)), .. metaBody];
        using var compressed = new MemoryStream();
        using (var deflate = new System.IO.Compression.DeflateStream(compressed, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write([0x09, 0x00, 0x10, 0x00, (byte)'O', (byte)'B', 0, 0, .. BitConverter.GetBytes(zeros)]);
            var block = new byte[1 << 20];
            for (var written = 0; written < zeros; written += block.Length)
            {
                deflate.Write(block);
            }
        }

        return [.. new byte[128], .. "DICM"u8, .. meta, .. compressed.ToArray()];
    }
}
