using System.Buffers;
using System.Runtime.CompilerServices;

namespace Connector.Journal;

/// <summary>
/// Reads the inbound journal of a Realm path: <c>&lt;root&gt;/&lt;realm key&gt;/inbound/*.jsonl</c> in file-name
/// order, whole lines only. A final line without <c>\n</c> is a torn append still being written: it is not
/// returned, and a later read that starts from the last position returned takes it up once it is complete.
/// </summary>
/// <remarks>
/// Lines are read through one pooled buffer that grows to the longest line; a segment is never held whole.
/// Versions are not looked at here (lines are not decoded); see <see cref="VersionOrder"/>.
/// </remarks>
public sealed class InboundJournalReader
{
    /// <summary>The longest line read by default: far above any transaction the Realm side writes in one go,
    /// well below what one array can hold.</summary>
    public const int DefaultMaxLineBytes = 1 << 30;

    private const int InitialBufferBytes = 1 << 16;
    private const byte NewLine = (byte)'\n';

    private readonly JournalPaths paths;
    private readonly Action<JournalWarning> onIgnored;
    private readonly int maxLineBytes;

    /// <param name="paths">The journal root.</param>
    /// <param name="onIgnored">Told about every file in an inbound directory that is not a segment.</param>
    /// <param name="maxLineBytes">A longer line stops reading with a <see cref="JournalException"/>.</param>
    public InboundJournalReader(JournalPaths paths, Action<JournalWarning>? onIgnored = null, int maxLineBytes = DefaultMaxLineBytes)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        this.paths = paths;
        this.onIgnored = onIgnored ?? (_ => { });
        this.maxLineBytes = maxLineBytes;
    }

    /// <summary>Every whole, non-empty line after <paramref name="after"/> (from the start when null).</summary>
    public async IAsyncEnumerable<JournalLine> ReadAsync(
        string realmPath, JournalPosition? after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var listing = paths.ListSegments(paths.InboundDirectory(realmPath));
        foreach (var warning in listing.Ignored)
        {
            onIgnored(warning);
        }
        foreach (var segment in listing.Segments)
        {
            var order = after is { } position ? string.CompareOrdinal(segment.Name, position.Segment) : 1;
            if (order < 0)
            {
                continue;
            }
            var start = order == 0 ? after!.Value : new JournalPosition(segment.Name, 0, 0);
            await foreach (var line in ReadSegmentAsync(segment, start, cancellationToken))
            {
                yield return line;
            }
        }
    }

    private async IAsyncEnumerable<JournalLine> ReadSegmentAsync(
        JournalSegment segment, JournalPosition start, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // ReadWrite | Delete: the Realm side keeps appending, and retention may remove a segment, while it is read.
        await using var file = new FileStream(segment.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
            bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await SeekAsync(file, segment, start, cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
        try
        {
            var bufferOffset = start.Offset; // the file offset of buffer[0]
            var lineNumber = start.LineNumber;
            var filled = 0;
            var lineStart = 0;
            int read;
            while ((read = await file.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
            {
                var scanFrom = filled;
                filled += read;
                int end;
                while ((end = buffer.AsSpan(scanFrom, filled - scanFrom).IndexOf(NewLine)) >= 0)
                {
                    end += scanFrom;
                    lineNumber++;
                    if (end > lineStart)
                    {
                        CheckLineLength(segment, lineNumber, end - lineStart);
                        yield return new JournalLine(segment, bufferOffset + lineStart, lineNumber, buffer.AsSpan(lineStart, end - lineStart).ToArray());
                    }
                    lineStart = scanFrom = end + 1;
                }
                // Keep the unfinished line at the front of the buffer, growing it when the line fills it.
                var pending = filled - lineStart;
                CheckLineLength(segment, lineNumber + 1, pending);
                if (pending == buffer.Length)
                {
                    buffer = Grow(buffer, pending);
                }
                else
                {
                    buffer.AsSpan(lineStart, pending).CopyTo(buffer);
                }
                bufferOffset += lineStart;
                filled = pending;
                lineStart = 0;
            }
            // Whatever is left has no '\n' yet: a torn append, taken up by a later read.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task SeekAsync(FileStream file, JournalSegment segment, JournalPosition start, CancellationToken cancellationToken)
    {
        if (start.Offset == 0)
        {
            return;
        }
        if (start.Offset < 0 || start.Offset > file.Length)
        {
            throw new JournalException($"Cannot resume reading '{segment.Path}' at byte {start.Offset}: the segment is {file.Length} bytes. It was truncated or replaced after it was read; restore it, or restart reading from the applied version.");
        }
        // A position always follows a '\n'; anything else means the segment changed under the reader.
        var previous = new byte[1];
        file.Position = start.Offset - 1;
        await file.ReadExactlyAsync(previous, cancellationToken);
        if (previous[0] != NewLine)
        {
            throw new JournalException($"Cannot resume reading '{segment.Path}' at byte {start.Offset} (after line {start.LineNumber}): that byte does not follow a line end. The segment was rewritten after it was read; restore it, or restart reading from the applied version.");
        }
    }

    private void CheckLineLength(JournalSegment segment, long lineNumber, int length)
    {
        if (length > maxLineBytes)
        {
            throw new JournalException($"'{segment.Path}' line {lineNumber} is longer than {maxLineBytes} bytes; a transaction this large is not read. Split the transaction on the Realm side, or check that the segment is a journal (one JSON transaction per line).");
        }
    }

    private static byte[] Grow(byte[] buffer, int used)
    {
        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, Array.MaxLength));
        buffer.AsSpan(0, used).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }
}
