namespace SpineKit.Detection.Export;

/// <summary>An ONNX model file made from a SpineKit model file, with what a caller needs to describe it.</summary>
/// <param name="Bytes">The ONNX file (a serialised <c>ModelProto</c>).</param>
/// <param name="Network">The network the model file holds (<c>VertebraNet</c>, <c>CornerRefinerNet</c>, <c>SegmentationNet</c>).</param>
/// <param name="InputName">The graph input's name.</param>
/// <param name="InputChannels">Channels of the input <c>[batch, channels, height, width]</c>.</param>
/// <param name="OutputName">The graph output's name.</param>
/// <param name="OutputChannels">Channels of the output.</param>
/// <param name="SideMultiple">Height and width of the input must be multiples of this (equal to it when <paramref name="FixedSide"/>).</param>
/// <param name="FixedSide">Whether the input must be exactly <paramref name="SideMultiple"/> square (a network with a fully connected layer).</param>
public sealed record OnnxExport(byte[] Bytes, string Network, string InputName, int InputChannels, string OutputName, int OutputChannels, int SideMultiple, bool FixedSide);
