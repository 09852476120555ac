using Connector.Adapter;

namespace Connector.RealmFile;

/// <summary>
/// ObjectIds (12 bytes) and UUIDs (16 bytes): blocks of one null-bitmap byte and 8 values; the node's size is
/// its byte count.
/// </summary>
internal sealed class FixedBytesLeaf(RealmNode node, int elementSize, bool legacyGuidOrder) : IValueLeaf
{
    private int BlockSize => (elementSize * 8) + 1;

    public int Count => (node.Size - ((node.Size + BlockSize - 1) / BlockSize)) / elementSize;

    public RealmValue Get(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw node.Corrupt($"value {index} requested from {Count} fixed-size values");
        }

        var payload = node.Payload;
        var blockStart = index / 8 * BlockSize;
        var start = blockStart + 1 + (index % 8 * elementSize);
        if (start + elementSize > payload.Length)
        {
            throw node.Corrupt($"value {index} lies outside the {payload.Length}-byte payload");
        }

        if ((payload[blockStart] & (1 << (index % 8))) != 0)
        {
            return RealmValue.Null;
        }

        var bytes = payload.Slice(start, elementSize);
        return elementSize == 16 ? Uuid(bytes, legacyGuidOrder) : new ObjectIdValue(Convert.ToHexStringLower(bytes));
    }

    /// <summary>
    /// Realm stores UUIDs in RFC 4122 (big-endian) order; Realm .NET before 10.20 wrote .NET's
    /// <see cref="Guid.ToByteArray()"/> order instead, which <paramref name="legacyOrder"/> undoes.
    /// </summary>
    public static UuidValue Uuid(ReadOnlySpan<byte> bytes, bool legacyOrder) =>
        new(new Guid(bytes, bigEndian: !legacyOrder));
}
