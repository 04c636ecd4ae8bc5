using System.Buffers.Binary;
using System.Text;
using SpineKit.Neural.Layers;
using SpineKit.Neural.Persistence;

namespace SpineKit.Neural.Tests.Persistence;

public sealed class SafeTensorsTests
{
    [Fact]
    public void RoundTripKeepsNamesShapesValuesAndMetadata()
    {
        var random = new Random(1);
        var a = Tensor.RandomNormal(random, 1f, 2, 3);
        var b = Tensor.RandomNormal(random, 1f, 4);
        var bytes = SafeTensorsWriter.Serialize([("b.weight", b), ("a", a)], new Dictionary<string, string> { ["model"] = "unit", ["version"] = "1" });
        var file = SafeTensorsReader.Parse(bytes);
        Assert.Equal(["a", "b.weight"], file.Tensors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(a.Data, file.Tensors["a"].Data);
        Assert.Equal(new[] { 2, 3 }, file.Tensors["a"].Shape);
        Assert.Equal(b.Data, file.Tensors["b.weight"].Data);
        Assert.Equal("unit", file.Metadata["model"]);
        Assert.Equal(0, (BinaryPrimitives.ReadInt64LittleEndian(bytes) + 8) % 8);
    }

    [Fact]
    public void ReadsHalfAndBFloat16AndInt64()
    {
        var half = new byte[4];
        BinaryPrimitives.WriteHalfLittleEndian(half, (Half)1.5f);
        BinaryPrimitives.WriteHalfLittleEndian(half.AsSpan(2), (Half)(-0.25f));
        var bf16 = new byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(bf16, (ushort)(BitConverter.SingleToInt32Bits(3.0f) >> 16));
        BinaryPrimitives.WriteUInt16LittleEndian(bf16.AsSpan(2), (ushort)(BitConverter.SingleToInt32Bits(-1.0f) >> 16));
        var counter = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(counter, 42);
        var file = Build(
            """{"h":{"dtype":"F16","shape":[2],"data_offsets":[0,4]},"b":{"dtype":"BF16","shape":[2],"data_offsets":[4,8]},"n":{"dtype":"I64","shape":[],"data_offsets":[8,16]}}""",
            [.. half, .. bf16, .. counter]);
        var read = SafeTensorsReader.Parse(file);
        Assert.Equal([1.5f, -0.25f], read.Tensors["h"].Data);
        Assert.Equal([3.0f, -1.0f], read.Tensors["b"].Data);
        Assert.Equal([42f], read.Tensors["n"].Data);
    }

    public static TheoryData<string, string> Malformed() => new()
    {
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,12]}}""", "do not hold" },
        { """{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""", "past the end" },
        { """{"a":{"dtype":"U8","shape":[8],"data_offsets":[0,8]}}""", "unsupported dtype" },
        { """{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,8]}}""", "invalid dimension" },
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[4,0]}}""", "invalid data_offsets" },
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", "overlap" },
        { """{"a":{"dtype":"F32","shape":[2]}}""", "lacks" },
        { """{"__metadata__":{"k":3}}""", "not a string" },
        { """[1,2]""", "not a JSON object" },
        { """{"a":""", "not valid UTF-8 JSON" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void RejectsMalformedHeaders(string header, string expected)
    {
        var error = Assert.Throws<ModelFormatException>(() => SafeTensorsReader.Parse(Build(header, new byte[8])));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsHeaderLengthBeyondTheFile()
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, ulong.MaxValue);
        Assert.Contains("header length", Assert.Throws<ModelFormatException>(() => SafeTensorsReader.Parse(bytes)).Message, StringComparison.Ordinal);
        Assert.Throws<ModelFormatException>(() => SafeTensorsReader.Parse(new byte[5]));
    }

    [Fact]
    public void MissingFileIsAModelFormatException()
    {
        Assert.Throws<ModelFormatException>(() => SafeTensorsReader.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".safetensors")));
    }

    [Fact]
    public void FuzzedFilesOnlyEverFailWithModelFormatException()
    {
        var random = new Random(2024);
        var net = new Sequential(new Conv2d(2, 3, 3, random), new BatchNorm2d(3), new Linear(4, 2, random));
        var valid = SafeTensorsWriter.Serialize(net.StateDict(), new Dictionary<string, string> { ["format"] = "pt" });
        var headerEnd = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(valid);
        var outcomes = new int[2];
        for (var i = 0; i < 3000; i++)
        {
            var bytes = (byte[])valid.Clone();
            switch (i % 4)
            {
                case 0:
                    bytes = bytes[..random.Next(bytes.Length)];
                    break;
                case 1:
                    for (var k = random.Next(1, 4); k > 0; k--)
                    {
                        var at = random.Next(headerEnd);
                        bytes[at] ^= (byte)(1 << random.Next(8));
                    }

                    break;
                case 2:
                    BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)random.NextInt64(0, (long)headerEnd * 2) | (random.Next(4) == 0 ? 1UL << random.Next(32, 64) : 0));
                    break;
                default:
                    // Rewrite a digit inside the header: offsets, shapes and lengths go wrong in plausible ways.
                    var digits = Enumerable.Range(8, headerEnd - 8).Where(p => bytes[p] is >= (byte)'0' and <= (byte)'9').ToArray();
                    bytes[digits[random.Next(digits.Length)]] = (byte)('0' + random.Next(10));
                    break;
            }

            try
            {
                SafeTensorsReader.Parse(bytes);
                outcomes[0]++;
            }
            catch (ModelFormatException)
            {
                outcomes[1]++;
            }
        }

        Assert.True(outcomes[1] > 1000, $"only {outcomes[1]} of 3000 corruptions were rejected");
    }

    [Fact]
    public void ModuleWeightsSaveAndLoadAcrossInstances()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".safetensors");
        try
        {
            var source = new Sequential(new Conv2d(1, 2, 3, new Random(1)), new BatchNorm2d(2));
            source.Forward(Tensor.RandomNormal(new Random(3), 1f, 2, 1, 5, 5));
            ModuleWeights.Save(source, path, new Dictionary<string, string> { ["task"] = "test" });
            var target = new Sequential(new Conv2d(1, 2, 3, new Random(2)), new BatchNorm2d(2));
            var metadata = ModuleWeights.Load(target, path);
            Assert.Equal("test", metadata["task"]);
            foreach (var ((name, expected), (_, actual)) in source.StateDict().Zip(target.StateDict()))
            {
                Assert.True(expected.Data.SequenceEqual(actual.Data), name);
            }

            Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked"], source.StateDict().Select(p => p.Name));
            var wrong = new Sequential(new Conv2d(1, 3, 3, new Random(2)), new BatchNorm2d(3));
            Assert.Throws<ModelFormatException>(() => ModuleWeights.Load(wrong, path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] Build(string header, byte[] data)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + json.Length);
        return bytes;
    }
}
