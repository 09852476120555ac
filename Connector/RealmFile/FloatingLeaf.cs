using System.Buffers.Binary;
using Connector.Adapter;

namespace Connector.RealmFile;

/// <summary>Floats (4 bytes) or doubles (8 bytes); null is one particular NaN bit pattern.</summary>
internal sealed class FloatingLeaf(RealmNode node, bool nullable, bool isDouble) : IValueLeaf
{
    private const uint FloatNull = 0x7fc000aa;
    private const ulong DoubleNull = 0x7ff80000000000aa;

    public int Count => node.Size;

    public RealmValue Get(int index)
    {
        if (isDouble)
        {
            var bits = BinaryPrimitives.ReadUInt64LittleEndian(node.Element(index, 8));
            return nullable && bits == DoubleNull ? RealmValue.Null : new DoubleValue(BitConverter.UInt64BitsToDouble(bits));
        }

        var floatBits = BinaryPrimitives.ReadUInt32LittleEndian(node.Element(index, 4));
        return nullable && floatBits == FloatNull ? RealmValue.Null : new FloatValue(BitConverter.UInt32BitsToSingle(floatBits));
    }
}
