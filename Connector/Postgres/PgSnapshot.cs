using System.Globalization;

namespace Connector.Postgres;

/// <summary>
/// A transaction snapshot as <c>pg_current_snapshot()</c> prints it (<c>xmin:xmax:xip,...</c>), to tell whether a
/// transaction decoded from the slot is visible in it. A capture pass reads its keys from the slot up to a barrier it
/// emits after taking its snapshot, so everything the snapshot sees committed before the barrier; the reverse can fail
/// for a transaction whose commit record was written just before the snapshot but which was not yet visible in it, and
/// then the pass starts again rather than read values older than the changes it sends.
/// </summary>
public sealed record PgSnapshot(ulong Xmin, ulong Xmax, IReadOnlySet<ulong> InProgress)
{
    public static PgSnapshot Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        if (parts.Length != 3)
        {
            throw new FormatException($"not a pg_snapshot: '{text}'");
        }

        var inProgress = parts[2].Length == 0
            ? new HashSet<ulong>()
            : parts[2].Split(',').Select(x => ulong.Parse(x, CultureInfo.InvariantCulture)).ToHashSet();
        return new PgSnapshot(ulong.Parse(parts[0], CultureInfo.InvariantCulture), ulong.Parse(parts[1], CultureInfo.InvariantCulture), inProgress);
    }

    /// <summary>
    /// Whether the committed transaction <paramref name="xid"/> (32 bits, as logical decoding gives it) is visible in
    /// this snapshot.
    /// </summary>
    public bool Sees(uint xid)
    {
        // Widened by its signed distance from xmax, as PostgreSQL's widen_snapshot_xid does: a decoded xid is recent.
        var full = (ulong)((long)Xmax + (int)(xid - (uint)Xmax));
        if (full >= Xmax)
        {
            return false; // not completed when the snapshot was taken
        }

        return full < Xmin || !InProgress.Contains(full);
    }
}
