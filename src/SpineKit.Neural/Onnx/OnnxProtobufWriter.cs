using Google.Protobuf;

namespace SpineKit.Neural.Onnx;

/// <summary>
/// Serialises a graph as ONNX's <c>ModelProto</c> with the protobuf wire format directly (field numbers from
/// onnx.proto), so the product needs no generated code. Nested messages are written to their own buffer first
/// because the wire format puts each one's length before it.
/// </summary>
internal static class OnnxProtobufWriter
{
    // ModelProto
    private const int ModelIrVersion = 1;
    private const int ModelProducerName = 2;
    private const int ModelProducerVersion = 3;
    private const int ModelDocString = 6;
    private const int ModelGraph = 7;
    private const int ModelOpsetImport = 8;
    private const int ModelMetadataProps = 14;

    // OperatorSetIdProto, StringStringEntryProto
    private const int OpsetDomain = 1;
    private const int OpsetVersion = 2;
    private const int EntryKey = 1;
    private const int EntryValue = 2;

    // GraphProto
    private const int GraphNode = 1;
    private const int GraphName = 2;
    private const int GraphInitializer = 5;
    private const int GraphInput = 11;
    private const int GraphOutput = 12;

    // NodeProto
    private const int NodeInput = 1;
    private const int NodeOutput = 2;
    private const int NodeName = 3;
    private const int NodeOpType = 4;
    private const int NodeAttribute = 5;

    // AttributeProto
    private const int AttributeName = 1;
    private const int AttributeFloat = 2;
    private const int AttributeInt = 3;
    private const int AttributeString = 4;
    private const int AttributeInts = 8;
    private const int AttributeType = 20;

    // TensorProto
    private const int TensorDims = 1;
    private const int TensorDataType = 2;
    private const int TensorName = 8;
    private const int TensorRawData = 9;

    // ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto, TensorShapeProto.Dimension
    private const int ValueInfoName = 1;
    private const int ValueInfoType = 2;
    private const int TypeTensorType = 1;
    private const int TensorTypeElemType = 1;
    private const int TensorTypeShape = 2;
    private const int ShapeDim = 1;
    private const int DimensionValue = 1;
    private const int DimensionParam = 2;

    /// <summary>The whole model file.</summary>
    public static byte[] Model(OnnxGraphBuilder graph, IReadOnlyDictionary<string, string> metadata, string description, string producerVersion)
    {
        // raw_data is little-endian; the tensors are copied byte for byte from memory.
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX export needs a little-endian machine.");
        }

        return Message(output =>
        {
            WriteInt64(output, ModelIrVersion, OnnxGraphBuilder.IrVersion);
            WriteString(output, ModelProducerName, "SpineKit");
            WriteString(output, ModelProducerVersion, producerVersion);
            WriteString(output, ModelDocString, description);
            WriteMessage(output, ModelGraph, Graph(graph));
            WriteMessage(output, ModelOpsetImport, Message(o =>
            {
                WriteString(o, OpsetDomain, string.Empty);
                WriteInt64(o, OpsetVersion, OnnxGraphBuilder.OpsetVersion);
            }));
            foreach (var (key, value) in metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                WriteMessage(output, ModelMetadataProps, Message(o =>
                {
                    WriteString(o, EntryKey, key);
                    WriteString(o, EntryValue, value);
                }));
            }
        });
    }

    private static byte[] Graph(OnnxGraphBuilder graph) => Message(output =>
    {
        foreach (var node in graph.Nodes)
        {
            WriteMessage(output, GraphNode, Node(node));
        }

        WriteString(output, GraphName, graph.GraphName);
        foreach (var initializer in graph.Initializers)
        {
            WriteMessage(output, GraphInitializer, Initializer(initializer));
        }

        foreach (var input in graph.Inputs)
        {
            WriteMessage(output, GraphInput, ValueInfo(input));
        }

        foreach (var graphOutput in graph.Outputs)
        {
            WriteMessage(output, GraphOutput, ValueInfo(graphOutput));
        }
    });

    private static byte[] Node(OnnxNode node) => Message(output =>
    {
        foreach (var input in node.Inputs)
        {
            WriteString(output, NodeInput, input);
        }

        foreach (var nodeOutput in node.Outputs)
        {
            WriteString(output, NodeOutput, nodeOutput);
        }

        WriteString(output, NodeName, node.Name);
        WriteString(output, NodeOpType, node.OpType);
        foreach (var attribute in node.Attributes)
        {
            WriteMessage(output, NodeAttribute, Attribute(attribute));
        }
    });

    private static byte[] Attribute(OnnxAttribute attribute) => Message(output =>
    {
        WriteString(output, AttributeName, attribute.Name);
        switch (attribute.Kind)
        {
            case OnnxAttributeKind.Float:
                output.WriteTag(AttributeFloat, WireFormat.WireType.Fixed32);
                output.WriteFloat(attribute.FloatValue);
                break;
            case OnnxAttributeKind.Int:
                WriteInt64(output, AttributeInt, attribute.IntValue);
                break;
            case OnnxAttributeKind.String:
                WriteString(output, AttributeString, attribute.StringValue);
                break;
            case OnnxAttributeKind.Ints:
                // onnx.proto is proto2 without [packed=true]: one tag per element.
                foreach (var value in attribute.IntsValue)
                {
                    WriteInt64(output, AttributeInts, value);
                }

                break;
            default:
                throw new InvalidOperationException($"Unknown attribute kind {attribute.Kind}.");
        }

        WriteInt64(output, AttributeType, (long)attribute.Kind);
    });

    private static byte[] Initializer(OnnxInitializer initializer) => Message(output =>
    {
        foreach (var dim in initializer.Dims)
        {
            WriteInt64(output, TensorDims, dim);
        }

        WriteInt64(output, TensorDataType, (long)initializer.DataType);
        WriteString(output, TensorName, initializer.Name);
        output.WriteTag(TensorRawData, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(UnsafeByteOperations.UnsafeWrap(initializer.RawData));
    });

    private static byte[] ValueInfo(OnnxValueInfo value) => Message(output =>
    {
        WriteString(output, ValueInfoName, value.Name);
        var shape = Message(o =>
        {
            foreach (var dim in value.Dims)
            {
                WriteMessage(o, ShapeDim, Message(d =>
                {
                    if (dim.Symbol is { } symbol)
                    {
                        WriteString(d, DimensionParam, symbol);
                    }
                    else
                    {
                        WriteInt64(d, DimensionValue, dim.Value);
                    }
                }));
            }
        });
        var tensorType = Message(o =>
        {
            WriteInt64(o, TensorTypeElemType, (long)OnnxDataType.Float);
            WriteMessage(o, TensorTypeShape, shape);
        });
        WriteMessage(output, ValueInfoType, Message(o => WriteMessage(o, TypeTensorType, tensorType)));
    });

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            write(output);
        }

        return buffer.ToArray();
    }

    private static void WriteMessage(CodedOutputStream output, int field, byte[] message)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(UnsafeByteOperations.UnsafeWrap(message));
    }

    private static void WriteString(CodedOutputStream output, int field, string value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
    }

    private static void WriteInt64(CodedOutputStream output, int field, long value)
    {
        output.WriteTag(field, WireFormat.WireType.Varint);
        output.WriteInt64(value);
    }
}
