using System.Collections.Concurrent;
using Connector.ChangeTracking;

namespace Connector.SqlServer.ChangeTracking;

/// <summary>
/// The command timeout of each Realm path's poll reads, as a multiple of the configured one (SqlServer.CommandTimeout,
/// the connection's default): it doubles each time a poll of the path runs past it, up to <see cref="MaxFactor"/>,
/// and stays raised for the life of the process (a timeout is a ceiling, not a cost: a higher one slows nothing).
/// </summary>
/// <remarks>
/// Why a timeout that grows with the backlog rather than a pass committed in pieces: a pass reads every table in ONE
/// snapshot and commits once, which is what keeps what it sends in dependency order (targets before links, deletes
/// last): Change Tracking gives no past values, only the row as it is now, so a pass cut into several snapshots could
/// send a link read in a later snapshot before the target it points to, which an earlier piece never saw. The reads
/// are already paged by key (<see cref="ChangeTrackingQueries"/>: <c>TOP (@pageSize) ... key &gt; @afterKey ORDER BY
/// key</c>), so memory and the rows a command returns are bounded; but what a command reads to find them is not: a
/// page skips every change the connector made itself (SYS_CHANGE_CONTEXT) and every change at or below the watermark
/// still kept in the internal side table, and how CHANGETABLE reaches its side table is the optimizer's choice. A
/// big backlog (a bulk load in SQL, or a large Realm write echoed back in the side table) can make one command run
/// past any fixed timeout, every pass, until the retention forces a full resend. Doubling the timeout after each
/// timed-out attempt (the retries of <see cref="PollRetry"/>, and the next passes) makes such a pass finish within
/// a bounded number of attempts, however large the backlog, and changes nothing for the passes that never time out.
/// </remarks>
public sealed class PollTimeouts
{
    /// <summary>64 times the configured timeout: 32 minutes per command with SqlClient's default 30 s.</summary>
    public const int MaxFactor = 64;

    private readonly ConcurrentDictionary<string, int> factors = new(StringComparer.Ordinal);

    /// <summary>The path's multiple of the configured timeout: 1 until a poll of it timed out.</summary>
    public int Factor(string realmPath) => factors.TryGetValue(realmPath, out var factor) ? factor : 1;

    /// <summary>A poll of the path ran past its timeout: the next attempt gets twice as long. Returns the new factor.</summary>
    public int TimedOut(string realmPath) => factors.AddOrUpdate(realmPath, 2, (_, factor) => Math.Min(factor * 2, MaxFactor));

    /// <summary>The timeout in seconds for a configured one of <paramref name="configuredSeconds"/>; 0 (no limit) stays 0.</summary>
    public static int Seconds(int configuredSeconds, int factor) =>
        configuredSeconds <= 0 ? 0 : (int)Math.Min((long)configuredSeconds * factor, int.MaxValue);
}
