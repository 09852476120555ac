namespace Connector.Journal;

/// <summary>
/// Where the journal of each Realm path lives (ADAPTER-PROTOCOL.md section 4):
/// <c>&lt;root&gt;/&lt;realm key&gt;/inbound/</c> and <c>&lt;root&gt;/&lt;realm key&gt;/outbound/</c>.
/// Every path handed out is checked to stay inside the root, symbolic links included.
/// </summary>
public sealed class JournalPaths
{
    /// <summary>The longest file name common file systems hold (ext4, XFS, NTFS, APFS).</summary>
    public const int MaxKeyLength = 255;

    public const string InboundFolder = "inbound";
    public const string OutboundFolder = "outbound";

    private readonly JournalRootGuard guard;

    public JournalPaths(string root)
    {
        if (string.IsNullOrWhiteSpace(root))
        {
            throw new JournalException("realm.journalPath is empty: set it in connector.config.json to the journal directory.");
        }
        guard = new JournalRootGuard(root);
    }

    /// <summary>The journal root, as a full path without a trailing separator.</summary>
    public string Root => guard.Root;

    public string RealmDirectory(string realmPath) => KeyDirectory(RealmKey.Encode(realmPath), realmPath);

    public string InboundDirectory(string realmPath) =>
        guard.EnsureInside(Path.Combine(RealmDirectory(realmPath), InboundFolder));

    public string OutboundDirectory(string realmPath) =>
        guard.EnsureInside(Path.Combine(RealmDirectory(realmPath), OutboundFolder));

    /// <summary>The directory of a realm key read from disk or configuration; refuses anything but a
    /// key <see cref="RealmKey.Encode"/> produces (<c>..</c>, separators, absolute paths, other spellings).</summary>
    public string KeyDirectory(string key) => KeyDirectory(key, RealmKey.Decode(key));

    /// <summary>Throws <see cref="JournalException"/> unless <paramref name="path"/> (and every symbolic link on
    /// the way to it) stays inside the root; returns its full path.</summary>
    public string EnsureInside(string path) => guard.EnsureInside(path);

    public RealmListing ListRealms()
    {
        var realmPaths = new List<string>();
        var ignored = new List<JournalWarning>();
        if (!Directory.Exists(Root))
        {
            return new RealmListing(realmPaths, ignored);
        }
        foreach (var entry in new DirectoryInfo(Root).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (entry is not DirectoryInfo)
            {
                ignored.Add(new JournalWarning(entry.FullName, "a file where only realm key directories belong; move it out of the journal root"));
            }
            else if (!RealmKey.TryDecode(entry.Name, out var realmPath, out var problem))
            {
                ignored.Add(new JournalWarning(entry.FullName, $"not a realm key ({problem}); rename or remove it"));
            }
            else if (guard.Escapes(entry.FullName) is { } escape)
            {
                ignored.Add(new JournalWarning(entry.FullName, escape));
            }
            else
            {
                realmPaths.Add(realmPath);
            }
        }
        return new RealmListing(realmPaths, ignored);
    }

    /// <summary>The segments of a journal directory (inbound or outbound) in file-name order. Names that are
    /// not exactly 20 digits + <c>.jsonl</c> are ignored and reported; a segment that links outside the root
    /// is refused.</summary>
    public SegmentListing ListSegments(string directory)
    {
        var full = guard.EnsureInside(directory);
        var segments = new List<JournalSegment>();
        var ignored = new List<JournalWarning>();
        if (!Directory.Exists(full))
        {
            return new SegmentListing(segments, ignored);
        }
        foreach (var entry in new DirectoryInfo(full).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (!SegmentName.TryParse(entry.Name, out var firstVersion, out var problem))
            {
                ignored.Add(new JournalWarning(entry.FullName, $"not a segment: {problem}; rename or remove it"));
            }
            else if (entry is not FileInfo)
            {
                ignored.Add(new JournalWarning(entry.FullName, "a directory with a segment's name; remove it"));
            }
            else
            {
                segments.Add(new JournalSegment(guard.EnsureInside(entry.FullName), entry.Name, firstVersion));
            }
        }
        return new SegmentListing(segments, ignored);
    }

    private string KeyDirectory(string key, string realmPath)
    {
        if (key.Length > MaxKeyLength)
        {
            throw new JournalException(
                $"The Realm path '{RealmKey.Shorten(realmPath)}' makes a realm key of {key.Length} characters; a file system holds at most {MaxKeyLength} in one name: use a shorter Realm path (each byte outside [A-Za-z0-9._-] takes 3 characters).");
        }
        return guard.EnsureInside(Path.Combine(Root, key));
    }
}
