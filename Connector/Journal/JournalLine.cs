namespace Connector.Journal;

/// <summary>
/// One whole line of a segment, as UTF-8 bytes without its <c>\n</c>: one transaction, still to be decoded.
/// </summary>
/// <param name="Segment">The segment it was read from.</param>
/// <param name="Offset">The byte offset of the line's first byte within the segment.</param>
/// <param name="LineNumber">The line's number within the segment, counting from 1 (empty lines count).</param>
/// <param name="Utf8">The line's bytes; owned by this line.</param>
public sealed record JournalLine(JournalSegment Segment, long Offset, long LineNumber, ReadOnlyMemory<byte> Utf8)
{
    /// <summary>The position just after this line, to resume reading from.</summary>
    public JournalPosition After => new(Segment.Name, Offset + Utf8.Length + 1, LineNumber);

    public override string ToString() => $"{Segment.Path} line {LineNumber}";
}
