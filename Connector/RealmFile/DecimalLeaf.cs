using System.Buffers.Binary;
using Connector.Adapter;

namespace Connector.RealmFile;

/// <summary>
/// Decimal128 values: always 16-byte BID128 up to format 23; format 24 narrows a leaf to BID32 or BID64 when
/// every value fits, and a zero-width leaf is all null (all zero when its context flag is set).
/// </summary>
internal sealed class DecimalLeaf(RealmNode node) : IValueLeaf
{
    private static readonly Decimal128Value Zero = new("0");

    public int Count => node.Size;

    public RealmValue Get(int index)
    {
        node.CheckIndex(index);
        switch (node.Width)
        {
            case 0:
                return node.Context ? Zero : RealmValue.Null;
            case 4:
                return Decimal128Decoder.FromBid32(BinaryPrimitives.ReadUInt32LittleEndian(node.Element(index, 4)));
            case 8:
                return Decimal128Decoder.FromBid64(BinaryPrimitives.ReadUInt64LittleEndian(node.Element(index, 8)));
            case 16:
                var bytes = node.Element(index, 16);
                return Decimal128Decoder.FromBid128(
                    BinaryPrimitives.ReadUInt64LittleEndian(bytes),
                    BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]));
            default:
                throw node.Corrupt($"a Decimal128 array cannot have {node.Width}-byte elements");
        }
    }
}
