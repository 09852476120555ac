using System.Text;
using Connector.Adapter;

namespace Connector.RealmFile;

/// <summary>
/// Strings and binaries in their four forms: short strings in fixed slots, enumerated strings (indices into
/// the column's enum keys), small blobs <c>[end offsets, bytes, nulls]</c> and big blobs (one blob node per
/// element). Strings carry a trailing NUL in the blob forms; binaries do not.
/// </summary>
internal sealed class StringLeaf : IValueLeaf
{
    private readonly RealmNode node;
    private readonly RealmNodeReader reader;
    private readonly bool binary;
    private readonly bool nullable;
    private readonly StringLeaf? enumKeys;
    private readonly RealmNode? offsets;
    private readonly RealmNode? blob;
    private readonly RealmNode? nulls;

    public StringLeaf(RealmNodeReader reader, RealmNode node, bool binary, bool nullable, StringLeaf? enumKeys = null)
    {
        this.reader = reader;
        this.node = node;
        this.binary = binary;
        this.nullable = nullable;
        if (node.HasRefs && !node.Context)
        {
            offsets = reader.Child(node, 0);
            blob = reader.Child(node, 1);
            nulls = node.Size > 2 && RealmNodeReader.RefAt(node, 2) != 0 ? reader.Child(node, 2) : null;
        }
        else if (!node.HasRefs && node.WidthType != 1)
        {
            this.enumKeys = enumKeys ?? throw node.Corrupt("an enumerated string array outside a string column");
        }
    }

    public int Count => offsets?.Size ?? node.Size;

    public RealmValue Get(int index)
    {
        var bytes = GetBytes(index);
        if (bytes is null)
        {
            return RealmValue.Null;
        }

        return binary ? new DataValue(bytes.Value) : new StringValue(Encoding.UTF8.GetString(bytes.Value.Span));
    }

    public string? GetString(int index)
    {
        var bytes = GetBytes(index);
        return bytes is null ? null : Encoding.UTF8.GetString(bytes.Value.Span);
    }

    /// <summary>The element's bytes without a string's trailing NUL, or null.</summary>
    public ReadOnlyMemory<byte>? GetBytes(int index)
    {
        if (offsets is not null)
        {
            return GetSmallBlob(index);
        }

        if (node.HasRefs)
        {
            return GetBigBlob(index);
        }

        return enumKeys is not null ? enumKeys.GetBytes(EnumIndex(index)) : GetShort(index);
    }

    private ReadOnlyMemory<byte>? GetShort(int index)
    {
        node.CheckIndex(index);
        var width = node.Width;
        if (width == 0)
        {
            return NullOrEmpty();
        }

        var slot = node.Element(index, width);
        var length = width - 1 - slot[width - 1];
        if (length == -1)
        {
            return NullOrEmpty();
        }

        if (length < 0)
        {
            throw node.Corrupt($"short string {index} has an impossible length {length} in a {width}-byte slot");
        }

        return node.PayloadMemory.Slice(index * width, length);
    }

    // Not a conditional expression: there a bare null converts to an empty ReadOnlyMemory via byte[].
    private ReadOnlyMemory<byte>? NullOrEmpty()
    {
        if (nullable)
        {
            return null;
        }

        return ReadOnlyMemory<byte>.Empty;
    }

    private int EnumIndex(int index)
    {
        var value = node.Get(index);
        if (value < 0 || value >= enumKeys!.Count)
        {
            throw node.Corrupt($"enumerated string {index} refers to key {value} of {enumKeys!.Count}");
        }

        return (int)value;
    }

    private ReadOnlyMemory<byte>? GetSmallBlob(int index)
    {
        if (nulls is not null && index < nulls.Size && nulls.Get(index) != 0)
        {
            return null;
        }

        var begin = index == 0 ? 0 : offsets!.Get(index - 1);
        var end = offsets!.Get(index);
        if (begin < 0 || end < begin || end > blob!.Payload.Length)
        {
            throw offsets.Corrupt($"blob {index} spans {begin}..{end} of a {blob!.Payload.Length}-byte blob");
        }

        return StripTerminator(blob.PayloadMemory[(int)begin..(int)end], offsets);
    }

    private ReadOnlyMemory<byte>? GetBigBlob(int index)
    {
        var blobRef = RealmNodeReader.RefAt(node, index);
        if (blobRef == 0)
        {
            return null;
        }

        var blobNode = reader.Load(blobRef);
        var bytes = blobNode.Context ? ReadChunked(blobNode) : blobNode.PayloadMemory;
        return StripTerminator(bytes, blobNode);
    }

    private ReadOnlyMemory<byte> ReadChunked(RealmNode chunks)
    {
        using var buffer = new MemoryStream();
        for (var i = 0; i < chunks.Size; i++)
        {
            var chunk = reader.Child(chunks, i);
            if (buffer.Length + chunk.Payload.Length > reader.FileLength)
            {
                throw chunks.Corrupt("a chunked blob is larger than the file");
            }

            buffer.Write(chunk.Payload);
        }

        return buffer.ToArray();
    }

    private ReadOnlyMemory<byte> StripTerminator(ReadOnlyMemory<byte> bytes, RealmNode where)
    {
        if (binary)
        {
            return bytes;
        }

        if (bytes.Length == 0)
        {
            throw where.Corrupt("a stored string lacks its terminating NUL");
        }

        return bytes[..^1];
    }
}
