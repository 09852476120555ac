using System.Buffers.Binary;

namespace Connector.RealmFile;

/// <summary>
/// One array node of the file: its 8-byte header decoded and its payload. Every element access is
/// bounds-checked and reports the node's file offset when it fails.
/// </summary>
internal sealed class RealmNode
{
    public const byte InnerFlag = 0x80;
    public const byte HasRefsFlag = 0x40;
    public const byte ContextFlag = 0x20;

    private readonly ReadOnlyMemory<byte> payload;

    public RealmNode(long nodeRef, byte flags, int widthType, int width, int size, ReadOnlyMemory<byte> payload)
    {
        Ref = nodeRef;
        Flags = flags;
        WidthType = widthType;
        Width = width;
        Size = size;
        this.payload = payload;
    }

    public long Ref { get; }

    public byte Flags { get; }

    /// <summary>0 = width in bits, 1 = width in bytes, 2 = one byte per element.</summary>
    public int WidthType { get; }

    public int Width { get; }

    public int Size { get; }

    public bool IsInner => (Flags & InnerFlag) != 0;

    public bool HasRefs => (Flags & HasRefsFlag) != 0;

    public bool Context => (Flags & ContextFlag) != 0;

    public ReadOnlySpan<byte> Payload => payload.Span;

    public ReadOnlyMemory<byte> PayloadMemory => payload;

    /// <summary>Element <paramref name="index"/> as an integer: widths 1-4 unsigned, 8-64 signed.</summary>
    public long Get(int index)
    {
        CheckIndex(index);
        return WidthType == 0 ? GetBits(index, signed: true) : GetBytesAsInt(index);
    }

    /// <summary>Element <paramref name="index"/> of an unsigned array (cluster keys, B+tree offsets).</summary>
    public long GetUnsigned(int index)
    {
        CheckIndex(index);
        return WidthType == 0 ? GetBits(index, signed: false) : GetBytesAsInt(index);
    }

    /// <summary>The <paramref name="elementSize"/> bytes of element <paramref name="index"/> of a fixed-width array.</summary>
    public ReadOnlySpan<byte> Element(int index, int elementSize)
    {
        CheckIndex(index);
        var start = (long)index * elementSize;
        if (start + elementSize > payload.Length)
        {
            throw Corrupt($"element {index} ({elementSize} bytes) lies outside the {payload.Length}-byte payload");
        }

        return payload.Span.Slice((int)start, elementSize);
    }

    public RealmFileException Corrupt(string problem) => RealmFileException.At(Ref, problem);

    public void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Size)
        {
            throw Corrupt($"element {index} requested from an array of {Size} elements");
        }
    }

    private long GetBits(int index, bool signed)
    {
        var span = payload.Span;
        switch (Width)
        {
            case 0:
                return 0;
            case 1:
            case 2:
            case 4:
                var bit = (long)index * Width;
                return (span[(int)(bit >> 3)] >> (int)(bit & 7)) & ((1 << Width) - 1);
            case 8:
                return signed ? (sbyte)span[index] : span[index];
            case 16:
                var s = span.Slice(index * 2, 2);
                return signed ? BinaryPrimitives.ReadInt16LittleEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);
            case 32:
                var i = span.Slice(index * 4, 4);
                return signed ? BinaryPrimitives.ReadInt32LittleEndian(i) : BinaryPrimitives.ReadUInt32LittleEndian(i);
            case 64:
                return BinaryPrimitives.ReadInt64LittleEndian(span.Slice(index * 8, 8));
            default:
                throw Corrupt($"an integer array cannot have width {Width}");
        }
    }

    private long GetBytesAsInt(int index)
    {
        // Byte-width integer arrays are not written by realm-core, but a width in bytes of 1-8 reads the same way.
        return Width switch
        {
            0 => 0,
            1 => (sbyte)Element(index, 1)[0],
            2 => BinaryPrimitives.ReadInt16LittleEndian(Element(index, 2)),
            4 => BinaryPrimitives.ReadInt32LittleEndian(Element(index, 4)),
            8 => BinaryPrimitives.ReadInt64LittleEndian(Element(index, 8)),
            _ => throw Corrupt($"an integer array cannot have a width of {Width} bytes"),
        };
    }
}
