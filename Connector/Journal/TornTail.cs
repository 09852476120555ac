namespace Connector.Journal;

/// <summary>
/// Cuts a segment back to its last whole line. A final line without <c>\n</c> is an append that a crash
/// interrupted: it was never flushed as a whole nor counted written, so it is removed before anything is
/// appended after it (otherwise the next line would be glued to it).
/// </summary>
internal static class TornTail
{
    private const int ChunkBytes = 1 << 16;

    /// <summary>Truncates <paramref name="file"/> just after its last <c>\n</c> (to empty when it has none),
    /// flushes that to disk and leaves the position at the end. Returns how many bytes were cut.</summary>
    public static async Task<long> RepairAsync(FileStream file, CancellationToken cancellationToken)
    {
        var length = file.Length;
        var keep = await WholeLinesLengthAsync(file, length, cancellationToken);
        if (keep < length)
        {
            file.SetLength(keep);
            file.Flush(flushToDisk: true);
        }
        file.Position = keep;
        return length - keep;
    }

    private static async Task<long> WholeLinesLengthAsync(FileStream file, long length, CancellationToken cancellationToken)
    {
        var chunk = new byte[ChunkBytes];
        for (var end = length; end > 0;)
        {
            var start = Math.Max(0, end - ChunkBytes);
            var count = (int)(end - start);
            file.Position = start;
            await file.ReadExactlyAsync(chunk.AsMemory(0, count), cancellationToken);
            var last = chunk.AsSpan(0, count).LastIndexOf((byte)'\n');
            if (last >= 0)
            {
                return start + last + 1;
            }
            end = start;
        }
        return 0;
    }
}
