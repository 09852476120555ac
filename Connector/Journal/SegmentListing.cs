namespace Connector.Journal;

/// <summary>The segments of one journal directory in file-name (= version) order, and what was left alone.</summary>
public sealed record SegmentListing(IReadOnlyList<JournalSegment> Segments, IReadOnlyList<JournalWarning> Ignored);
