namespace Connector.Journal;

/// <summary>One segment file: its full path, its file name and the first version the name stands for.</summary>
public sealed record JournalSegment(string Path, string Name, long FirstVersion);
