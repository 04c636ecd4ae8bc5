using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace SpineKit.Neural.Persistence;

/// <summary>
/// Reads the safetensors format (an 8-byte little-endian header length, a JSON header, then raw data).
/// F32 is read as is; F16, BF16, F64, I64 and I32 are converted to float. Every header field is checked
/// against the file before anything is allocated; any problem raises <see cref="ModelFormatException"/>.
/// </summary>
public static class SafeTensorsReader
{
    /// <summary>Headers larger than this are rejected (the format's own limit is 100 MB).</summary>
    public const int MaxHeaderLength = 100_000_000;

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static SafeTensorsFile Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ModelFormatException($"cannot read '{path}': {e.Message}", null, e);
        }

        return Parse(bytes);
    }

    /// <summary>Parses a whole safetensors file held in memory.</summary>
    public static SafeTensorsFile Parse(ReadOnlySpan<byte> file)
    {
        if (file.Length < 8)
        {
            throw new ModelFormatException($"file of {file.Length} bytes is shorter than the 8-byte header length", 0);
        }

        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (headerLength > MaxHeaderLength || headerLength > (ulong)(file.Length - 8))
        {
            throw new ModelFormatException($"header length {headerLength} exceeds the file ({file.Length} bytes) or the {MaxHeaderLength}-byte limit", 0);
        }

        var data = file[(8 + (int)headerLength)..];
        var entries = new List<(string Name, string DType, int[] Shape, long Begin, long End)>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(file.Slice(8, (int)headerLength).ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ModelFormatException("header is not a JSON object", 8);
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    ReadMetadata(property.Value, metadata);
                }
                else
                {
                    entries.Add(ReadEntry(property.Name, property.Value));
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            // System.Text.Json reports malformed UTF-8 in names or strings as InvalidOperationException.
            throw new ModelFormatException($"header is not valid UTF-8 JSON: {e.Message}", 8, e);
        }

        ValidateLayout(entries, data.Length);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, dtype, shape, begin, end) in entries)
        {
            if (!tensors.TryAdd(name, new Tensor(Decode(dtype, data[(int)begin..(int)end]), shape)))
            {
                throw new ModelFormatException($"tensor '{name}' appears twice");
            }
        }

        return new SafeTensorsFile(tensors, metadata);
    }

    /// <summary>Bytes per element of a supported dtype, or 0.</summary>
    internal static int ElementSize(string dtype) => dtype switch
    {
        "F32" or "I32" => 4,
        "F16" or "BF16" => 2,
        "F64" or "I64" => 8,
        _ => 0,
    };

    private static void ReadMetadata(JsonElement element, Dictionary<string, string> metadata)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ModelFormatException("__metadata__ is not an object of strings");
        }

        foreach (var item in element.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw new ModelFormatException($"__metadata__ value '{item.Name}' is not a string");
            }

            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static (string, string, int[], long, long) ReadEntry(string name, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String
            || !element.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array
            || !element.TryGetProperty("data_offsets", out var offsetsElement) || offsetsElement.ValueKind != JsonValueKind.Array
            || offsetsElement.GetArrayLength() != 2)
        {
            throw new ModelFormatException($"tensor '{name}' lacks a string dtype, a shape array or two data_offsets");
        }

        var dtype = dtypeElement.GetString()!;
        if (ElementSize(dtype) == 0)
        {
            throw new ModelFormatException($"tensor '{name}' has unsupported dtype '{dtype}' (supported: F32, F16, BF16, F64, I64, I32)");
        }

        if (shapeElement.GetArrayLength() > 8)
        {
            throw new ModelFormatException($"tensor '{name}' has more than 8 dimensions");
        }

        var shape = new int[shapeElement.GetArrayLength()];
        long count = 1;
        var i = 0;
        foreach (var d in shapeElement.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out var extent) || extent < 0)
            {
                throw new ModelFormatException($"tensor '{name}' has an invalid dimension in its shape");
            }

            shape[i++] = extent;
            count *= extent;
            if (count > Array.MaxLength)
            {
                throw new ModelFormatException($"tensor '{name}' is too large");
            }
        }

        var offsets = offsetsElement.EnumerateArray().Select(o => o.ValueKind == JsonValueKind.Number && o.TryGetInt64(out var v) ? v : -1).ToArray();
        if (offsets[0] < 0 || offsets[1] < offsets[0])
        {
            throw new ModelFormatException($"tensor '{name}' has invalid data_offsets [{offsets[0]}, {offsets[1]}]");
        }

        if (offsets[1] - offsets[0] != count * ElementSize(dtype))
        {
            throw new ModelFormatException($"tensor '{name}': {offsets[1] - offsets[0]} bytes do not hold shape {Tensor.FormatShape(shape)} of {dtype}");
        }

        return (name, dtype, shape, offsets[0], offsets[1]);
    }

    private static void ValidateLayout(List<(string Name, string DType, int[] Shape, long Begin, long End)> entries, int dataLength)
    {
        long previousEnd = 0;
        string? previous = null;
        foreach (var entry in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (entry.End > dataLength)
            {
                throw new ModelFormatException($"tensor '{entry.Name}' ends at data byte {entry.End}, past the end of the data ({dataLength} bytes)");
            }

            if (entry.Begin < previousEnd)
            {
                throw new ModelFormatException($"tensors '{previous}' and '{entry.Name}' overlap");
            }

            previousEnd = entry.End;
            previous = entry.Name;
        }
    }

    private static float[] Decode(string dtype, ReadOnlySpan<byte> bytes)
    {
        var size = ElementSize(dtype);
        var values = new float[bytes.Length / size];
        switch (dtype)
        {
            case "F32" when BitConverter.IsLittleEndian:
                bytes.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
                break;
            case "F32":
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(i * 4, 4));
                }

                break;
            case "F16":
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes.Slice(i * 2, 2));
                }

                break;
            case "BF16":
                // bfloat16 is the upper half of a float32.
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(i * 2, 2)) << 16);
                }

                break;
            case "F64":
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes.Slice(i * 8, 8));
                }

                break;
            case "I64":
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes.Slice(i * 8, 8));
                }

                break;
            default:
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(i * 4, 4));
                }

                break;
        }

        return values;
    }
}
