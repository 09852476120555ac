namespace Connector.RealmFile;

/// <summary>Loads nodes by ref, checking that every ref, size and payload lies inside the file.</summary>
internal sealed class RealmNodeReader
{
    /// <summary>Width-0 arrays take no payload bytes, so their element count is capped explicitly.</summary>
    private const int MaxZeroWidthElements = 1 << 16;

    private readonly RealmFileSource source;

    public RealmNodeReader(RealmFileSource source, int fileFormat)
    {
        this.source = source;
        FileFormat = fileFormat;
    }

    public int FileFormat { get; }

    public long FileLength => source.Length;

    public RealmNode Load(long nodeRef)
    {
        CheckRef(nodeRef);
        var header = source.Slice(nodeRef, 8).Span;
        // Bytes 0-3 are a checksum ('AAAA') only in some writers' files (dotnet-migration-22 has other bytes), so
        // they are not checked: the width, size and payload checks below catch a ref that misses a node.
        var flags = header[4];
        var widthType = (flags >> 3) & 3;
        var width = (1 << (flags & 7)) >> 1;
        var size = (header[5] << 16) | (header[6] << 8) | header[7];
        var payloadLength = widthType switch
        {
            0 => (((long)size * width) + 7) / 8,
            1 => (long)size * width,
            2 => size,
            _ => throw RealmFileException.At(nodeRef + 4, $"unknown array width type {widthType}"),
        };
        if (payloadLength > source.Length - nodeRef - 8)
        {
            throw RealmFileException.At(
                nodeRef, $"a node of {size} elements ({payloadLength} bytes) extends past the end of the file");
        }

        if (payloadLength == 0 && size > MaxZeroWidthElements)
        {
            throw RealmFileException.At(nodeRef, $"a zero-width array claims {size} elements");
        }

        var payload = source.Slice(nodeRef + 8, (int)payloadLength);
        return new RealmNode(nodeRef, flags, widthType, width, size, payload);
    }

    /// <summary>Element <paramref name="index"/> of a node with refs, which must be a ref (0 = none).</summary>
    public static long RefAt(RealmNode node, int index)
    {
        var value = node.Get(index);
        if ((value & 1) != 0 || value < 0)
        {
            throw node.Corrupt($"element {index} should be a ref but holds {value}");
        }

        return value;
    }

    /// <summary>Element <paramref name="index"/> of a node with refs, which must be a tagged integer.</summary>
    public static long TaggedAt(RealmNode node, int index)
    {
        var value = node.Get(index);
        if ((value & 1) == 0)
        {
            throw node.Corrupt($"element {index} should be a tagged integer but holds {value}");
        }

        return (long)((ulong)value >> 1);
    }

    /// <summary>The node at ref element <paramref name="index"/> of <paramref name="parent"/>; it must exist.</summary>
    public RealmNode Child(RealmNode parent, int index)
    {
        var childRef = RefAt(parent, index);
        if (childRef == 0)
        {
            throw parent.Corrupt($"element {index} should refer to a node but is null");
        }

        return Load(childRef);
    }

    private void CheckRef(long nodeRef)
    {
        if (nodeRef < 24 || (nodeRef & 7) != 0 || nodeRef > source.Length - 8)
        {
            throw RealmFileException.At(
                nodeRef, $"invalid ref {nodeRef}: not an 8-byte-aligned node inside the {source.Length}-byte file");
        }
    }
}
