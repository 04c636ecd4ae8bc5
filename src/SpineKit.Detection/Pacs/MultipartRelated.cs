using System.Text;

namespace SpineKit.Detection.Pacs;

/// <summary>The multipart/related bodies of WADO-RS answers and STOW-RS requests (RFC 2387), DICOM parts only.</summary>
internal static class MultipartRelated
{
    /// <summary>The parts' contents of <paramref name="body"/> delimited by <paramref name="boundary"/>.</summary>
    /// <exception cref="DicomWebException">The body has no part or a part without its header end.</exception>
    public static List<byte[]> Parse(ReadOnlySpan<byte> body, string boundary)
    {
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var parts = new List<byte[]>();
        var position = body.IndexOf(delimiter);
        while (position >= 0)
        {
            position += delimiter.Length;
            if (body.Length - position >= 2 && body[position] == '-' && body[position + 1] == '-')
            {
                break;
            }

            var headerEnd = body[position..].IndexOf("\r\n\r\n"u8);
            if (headerEnd < 0)
            {
                throw new DicomWebException("a multipart part has no end to its headers");
            }

            var start = position + headerEnd + 4;
            var next = body[start..].IndexOf(delimiter);
            if (next < 0)
            {
                throw new DicomWebException("a multipart body ends without its closing boundary");
            }

            // The CRLF before the delimiter belongs to the delimiter, not to the content.
            var end = start + next;
            if (end - start >= 2 && body[end - 2] == '\r' && body[end - 1] == '\n')
            {
                end -= 2;
            }

            parts.Add(body[start..end].ToArray());
            position = start + next;
        }

        return parts.Count > 0 ? parts : throw new DicomWebException("the multipart body holds no part");
    }

    /// <summary>A multipart/related body of DICOM files, and the boundary it uses.</summary>
    public static (byte[] Body, string Boundary) Build(IReadOnlyList<byte[]> files)
    {
        var boundary = "spinekit-" + Guid.NewGuid().ToString("N");
        using var stream = new MemoryStream();
        foreach (var file in files)
        {
            stream.Write(Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Type: application/dicom\r\nContent-Length: {file.Length}\r\n\r\n"));
            stream.Write(file);
            stream.Write("\r\n"u8);
        }

        stream.Write(Encoding.ASCII.GetBytes($"--{boundary}--\r\n"));
        return (stream.ToArray(), boundary);
    }
}
