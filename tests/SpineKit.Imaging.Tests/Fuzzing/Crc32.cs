namespace SpineKit.Imaging.Tests.Fuzzing;

/// <summary>A bitwise CRC-32 (ISO 3309), independent of the decoder's table-driven one.</summary>
internal static class Crc32
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
