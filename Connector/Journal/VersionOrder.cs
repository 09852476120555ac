namespace Connector.Journal;

/// <summary>
/// Checks that versions increase strictly line by line and across segments, and that no line's version is
/// below its segment's first version (the segment's name). Feed it every line in reading order, with the
/// version its decoded transaction carries; the first version out of order throws a
/// <see cref="JournalException"/> naming the segment, the line and both versions.
/// </summary>
public sealed class VersionOrder
{
    private JournalSegment? lastSegment;
    private long lastLineNumber;

    /// <summary>The last version accepted, or null before the first.</summary>
    public long? LastVersion { get; private set; }

    public void Check(JournalLine line, long version)
    {
        ArgumentNullException.ThrowIfNull(line);
        Check(line.Segment, line.LineNumber, version);
    }

    public void Check(JournalSegment segment, long lineNumber, long version)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (version < segment.FirstVersion)
        {
            throw OutOfOrder(segment, lineNumber, version,
                $"below {segment.FirstVersion}, the first version the segment's name '{segment.Name}' promises");
        }
        if (lastSegment is not null && segment != lastSegment && segment.FirstVersion <= LastVersion)
        {
            throw OutOfOrder(segment, lineNumber, version,
                $"in a segment named for version {segment.FirstVersion}, which is not above version {LastVersion} on line {lastLineNumber} of the previous segment '{lastSegment.Path}'");
        }
        if (version <= LastVersion)
        {
            throw OutOfOrder(segment, lineNumber, version,
                $"not above version {LastVersion} on line {lastLineNumber}{(segment == lastSegment ? "" : $" of '{lastSegment!.Path}'")}");
        }
        lastSegment = segment;
        lastLineNumber = lineNumber;
        LastVersion = version;
    }

    private static JournalException OutOfOrder(JournalSegment segment, long lineNumber, long version, string why) =>
        new($"'{segment.Path}' line {lineNumber}: version {version} is {why}. Versions must increase strictly line by line and from segment to segment (ADAPTER-PROTOCOL.md section 4): fix the writer of this journal, or move the misplaced lines or segment out of it.");
}
