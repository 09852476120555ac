namespace Connector.Journal;

/// <summary>
/// Where reading stopped: the segment's file name, the byte offset just after the last line taken (after its
/// <c>\n</c>), and how many lines of that segment lie before the offset (so that line numbers stay true
/// when reading resumes).
/// </summary>
public readonly record struct JournalPosition(string Segment, long Offset, long LineNumber);
