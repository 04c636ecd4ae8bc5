using System.Buffers.Binary;

using System.Text.Json;

namespace SpineKit.Neural.Persistence;

/// <summary>Writes float tensors as an F32 safetensors file, names sorted, header padded to 8 bytes.</summary>
public static class SafeTensorsWriter
{
    /// <summary>Writes <paramref name="tensors"/> and optional <paramref name="metadata"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IEnumerable<(string Name, Tensor Tensor)> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = Serialize(tensors, metadata);

        // Write beside the target and move over it: a process killed mid-write leaves the old file
        // (or none), never half a model.
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The bytes of a safetensors file holding <paramref name="tensors"/>.</summary>
    public static byte[] Serialize(IEnumerable<(string Name, Tensor Tensor)> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var sorted = tensors.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        if (sorted.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count() != sorted.Count)
        {
            throw new ArgumentException("Tensor names must be unique.", nameof(tensors));
        }

        using var headerStream = new MemoryStream();
        using (var json = new Utf8JsonWriter(headerStream))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            long offset = 0;
            foreach (var (name, tensor) in sorted)
            {
                json.WriteStartObject(name);
                json.WriteString("dtype", "F32");
                json.WriteStartArray("shape");
                foreach (var d in tensor.Shape)
                {
                    json.WriteNumberValue(d);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                offset += 4L * tensor.Length;
                json.WriteNumberValue(offset);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        var header = headerStream.ToArray();
        var padded = (header.Length + 7) / 8 * 8;
        var total = 8L + padded + sorted.Sum(t => 4L * t.Tensor.Length);
        if (total > Array.MaxLength)
        {
            throw new ArgumentException("The tensors are too large for one in-memory file.", nameof(tensors));
        }

        var file = new byte[total];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)padded);
        header.CopyTo(file, 8);
        file.AsSpan(8 + header.Length, padded - header.Length).Fill((byte)' ');
        var position = 8 + padded;
        foreach (var (_, tensor) in sorted)
        {
            foreach (var v in tensor.Data)
            {
                BinaryPrimitives.WriteSingleLittleEndian(file.AsSpan(position, 4), v);
                position += 4;
            }
        }

        return file;
    }

}
