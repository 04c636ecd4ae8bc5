namespace SpineKit.Imaging.Formats.Png;

/// <summary>What the chunk layer extracted from a PNG: header, colour tables and the concatenated IDAT data.</summary>
internal sealed record PngStructure(
    PngHeader Header,
    byte[]? Palette,
    byte[]? Transparency,
    byte[] CompressedData,
    long FirstDataOffset,
    PixelSpacing? PixelSpacing);
