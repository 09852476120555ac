using System.Globalization;
using System.Text;

namespace Connector.Journal;

/// <summary>
/// Appends outbound transactions to <c>&lt;root&gt;/&lt;realm key&gt;/outbound/</c>: whole lines, each ending in
/// <c>\n</c>, flushed to disk before <see cref="AppendAsync"/> returns (only then may the caller count them
/// written). A new segment, named for its first version, starts when there is none or the current one has
/// reached the configured size (a segment may pass that size by one line; lines are never split).
/// </summary>
/// <remarks>
/// Versions: the last version written is kept in a small sidecar, <c>&lt;realm key&gt;/outbound.version</c>,
/// replaced atomically after each flush. Transactions at or below it are already in the journal and are
/// skipped, so an outbox that re-ships after a restart writes nothing twice; the one exception is a crash
/// between the flush of the lines and the replacement of the sidecar, after which the last batch may be
/// written again. The consumer then drops those lines by version, as it drops every transaction at or below
/// its cursor (ADAPTER-PROTOCOL.md sections 1 and 6). Versions are never read back out of the lines.
/// One writer per Realm path: the current segment is opened for writing with readers allowed, writers not.
/// </remarks>
public sealed class OutboundJournalWriter : IAsyncDisposable
{
    public const long DefaultMaxSegmentBytes = 64L * 1024 * 1024;
    public const string LastVersionFileName = "outbound.version";

    private static readonly byte[] NewLine = [(byte)'\n'];

    private readonly string directory;
    private readonly string lastVersionPath;
    private readonly long maxSegmentBytes;
    private FileStream? current;
    private bool faulted;

    private OutboundJournalWriter(string directory, string lastVersionPath, long maxSegmentBytes)
    {
        this.directory = directory;
        this.lastVersionPath = lastVersionPath;
        this.maxSegmentBytes = maxSegmentBytes;
    }

    /// <summary>The last version written, 0 when none.</summary>
    public long LastVersion { get; private set; }

    /// <summary>How many bytes of a torn last line were cut from the latest segment on opening.</summary>
    public long RepairedBytes { get; private set; }

    /// <summary>Opens the outbound journal of <paramref name="realmPath"/>, creating it when absent, and cuts a
    /// torn last line left by a crash (it was never counted written).</summary>
    public static async Task<OutboundJournalWriter> OpenAsync(
        JournalPaths paths, string realmPath, long maxSegmentBytes = DefaultMaxSegmentBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSegmentBytes, 1);
        var directory = paths.OutboundDirectory(realmPath);
        Directory.CreateDirectory(directory);
        var lastVersionPath = paths.EnsureInside(Path.Combine(paths.RealmDirectory(realmPath), LastVersionFileName));
        var writer = new OutboundJournalWriter(paths.EnsureInside(directory), lastVersionPath, maxSegmentBytes);
        try
        {
            writer.LastVersion = await ReadLastVersionAsync(lastVersionPath, cancellationToken);
            await writer.OpenLatestSegmentAsync(paths.ListSegments(directory).Segments, cancellationToken);
            return writer;
        }
        catch
        {
            await writer.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Appends the transactions above <see cref="LastVersion"/> in order and flushes them to disk; returns how
    /// many were written (the rest were already in the journal). Versions must increase strictly within the
    /// batch, and no line may be empty or contain <c>\n</c>: those are the caller's bugs and throw
    /// <see cref="ArgumentException"/> before anything is written.
    /// </summary>
    public async Task<int> AppendAsync(IReadOnlyList<EncodedTransaction> transactions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        if (faulted)
        {
            throw new InvalidOperationException("An earlier append failed part-way; open a new writer, which cuts the torn tail, and append again.");
        }
        Validate(transactions);
        var toWrite = transactions.Where(t => t.Version > LastVersion).ToList();
        if (toWrite.Count == 0)
        {
            return 0;
        }
        try
        {
            foreach (var transaction in toWrite)
            {
                var file = await SegmentForAsync(transaction.Version, cancellationToken);
                await file.WriteAsync(transaction.Utf8Json, cancellationToken);
                await file.WriteAsync(NewLine, cancellationToken);
            }
            current!.Flush(flushToDisk: true);
            await WriteLastVersionAsync(toWrite[^1].Version, cancellationToken);
        }
        catch
        {
            // The segment's tail is unknown now; reopening the writer cuts whatever was torn.
            faulted = true;
            throw;
        }
        LastVersion = toWrite[^1].Version;
        return toWrite.Count;
    }

    public async ValueTask DisposeAsync()
    {
        if (current is not null)
        {
            await current.DisposeAsync();
            current = null;
        }
    }

    private static void Validate(IReadOnlyList<EncodedTransaction> transactions)
    {
        for (var i = 0; i < transactions.Count; i++)
        {
            var (version, line) = transactions[i];
            if (version < 1)
            {
                throw new ArgumentException($"Transaction {i} has version {version}; versions are positive.", nameof(transactions));
            }
            if (i > 0 && version <= transactions[i - 1].Version)
            {
                throw new ArgumentException($"Transaction {i} has version {version}, not above version {transactions[i - 1].Version} before it; versions must increase strictly.", nameof(transactions));
            }
            if (line.IsEmpty || line.Span.Contains((byte)'\n'))
            {
                throw new ArgumentException($"Transaction {i} (version {version}) is {(line.IsEmpty ? "empty" : "more than one line: it contains '\\n'")}; a journal line is one whole JSON transaction.", nameof(transactions));
            }
        }
    }

    private async Task OpenLatestSegmentAsync(IReadOnlyList<JournalSegment> segments, CancellationToken cancellationToken)
    {
        for (var i = segments.Count - 1; i >= 0; i--)
        {
            var segment = segments[i];
            var file = new FileStream(segment.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
            RepairedBytes += await TornTail.RepairAsync(file, cancellationToken);
            if (file.Length > 0)
            {
                current = file;
                LastVersion = Math.Max(LastVersion, segment.FirstVersion);
                return;
            }
            // Nothing in it was ever counted written: remove it, so that its name cannot clash with a version
            // re-shipped below it, and go on appending to the segment before it.
            await file.DisposeAsync();
            File.Delete(segment.Path);
        }
    }

    private async Task<FileStream> SegmentForAsync(long version, CancellationToken cancellationToken)
    {
        if (current is not null && current.Length < maxSegmentBytes)
        {
            return current;
        }
        if (current is not null)
        {
            current.Flush(flushToDisk: true);
            await current.DisposeAsync();
        }
        current = new FileStream(Path.Combine(directory, SegmentName.Format(version)), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
        return current;
    }

    private static async Task<long> ReadLastVersionAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return 0;
        }
        var text = (await File.ReadAllTextAsync(path, Encoding.ASCII, cancellationToken)).Trim();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw new JournalException($"'{path}' should hold the last outbound version written (a positive integer) but holds '{RealmKey.Shorten(text)}'. Delete it: the outbox then re-ships, and the Realm side drops what it already has by version.");
    }

    private async Task WriteLastVersionAsync(long version, CancellationToken cancellationToken)
    {
        // Write aside, flush, then rename over: the sidecar is always either the old version or the new one.
        var temporary = lastVersionPath + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await file.WriteAsync(Encoding.ASCII.GetBytes(version.ToString(CultureInfo.InvariantCulture) + "\n"), cancellationToken);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, lastVersionPath, overwrite: true);
    }
}
