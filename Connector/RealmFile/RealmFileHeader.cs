using System.Buffers.Binary;

namespace Connector.RealmFile;

/// <summary>The 24-byte file header: which of the two top refs is current, and the file format it was written in.</summary>
public sealed record RealmFileHeader(long TopRef, int FileFormat, int ActiveSlot, bool IsStreamingForm)
{
    public const int Size = 24;

    /// <summary>Formats this reader decodes (20 = Realm Core 10 early files; 24 = Realm Core 14).</summary>
    public const int MinFormat = 20;

    public const int MaxFormat = 24;

    private const ulong StreamingFooterMagic = 0x3034125237E526C8;

    internal static RealmFileHeader Read(RealmFileSource source)
    {
        if (source.Length < Size)
        {
            throw RealmFileException.At(0, $"the file has {source.Length} bytes, fewer than a Realm header's {Size}");
        }

        var header = source.Slice(0, Size).Span;
        if (header[16] != 'T' || header[17] != '-' || header[18] != 'D' || header[19] != 'B')
        {
            throw RealmFileException.At(
                16, "no 'T-DB' mnemonic: the file is encrypted (open it with its key and write an unencrypted copy) or is not a Realm file");
        }

        var slot = header[23] & 1;
        var format = header[20 + slot];
        CheckFormat(format, 20 + slot);
        var topRef = BinaryPrimitives.ReadUInt64LittleEndian(header.Slice(slot * 8, 8));
        var streaming = slot == 0 && topRef == ulong.MaxValue;
        if (streaming)
        {
            topRef = ReadStreamingFooter(source);
        }

        if (topRef > (ulong)source.Length)
        {
            throw RealmFileException.At(slot * 8, $"the top ref {topRef} lies past the end of the {source.Length}-byte file");
        }

        return new RealmFileHeader((long)topRef, format, slot, streaming);
    }

    private static void CheckFormat(int format, long offset)
    {
        if (format == 25)
        {
            throw RealmFileException.At(
                offset, "file format 25 (compressed arrays, not released) is not supported; supported formats are 20-24");
        }

        if (format is < MinFormat or > MaxFormat)
        {
            throw RealmFileException.At(
                offset, $"file format {format} is not supported; supported formats are {MinFormat}-{MaxFormat}");
        }
    }

    private static ulong ReadStreamingFooter(RealmFileSource source)
    {
        var footerOffset = source.Length - 16;
        if (footerOffset < Size)
        {
            throw RealmFileException.At(0, "a streaming-form header without room for the 16-byte footer");
        }

        var footer = source.Slice(footerOffset, 16).Span;
        if (BinaryPrimitives.ReadUInt64LittleEndian(footer[8..]) != StreamingFooterMagic)
        {
            throw RealmFileException.At(footerOffset + 8, "the streaming-form footer magic number is missing (truncated file?)");
        }

        return BinaryPrimitives.ReadUInt64LittleEndian(footer);
    }
}
