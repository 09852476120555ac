namespace Connector.Journal;

/// <summary>The Realm paths that have a directory under the journal root, in key order, and what was left alone.</summary>
public sealed record RealmListing(IReadOnlyList<string> RealmPaths, IReadOnlyList<JournalWarning> Ignored);
