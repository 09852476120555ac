using System.Collections.Immutable;
using Connector.Adapter;
using Connector.ChangeTracking;
using Connector.Scheduling;
using Connector.SchemaGeneration;
using Npgsql;
using NpgsqlTypes;

namespace Connector.Postgres;

/// <summary>
/// The part of a capture pass (<see cref="PgCapturePass"/>) that a partitioned mapping adds: one slot for all its Realms,
/// whose changes go each to the Realm its row names in <see cref="SchemaMapper.RealmColumn"/>, as that Realm's own
/// outbound sequence (<see cref="PgNetChanges.ByRealm"/>). Each Realm's rows are read through the per-Realm views
/// (<see cref="PgScopeViews"/>, the transaction's setting switched Realm by Realm), so the shared converters see one
/// Realm's mapping exactly as for a path mapped on its own. A Realm the pass has never sent (registered since the last
/// pass) is sent whole, with the rows SQL gave it before it existed; one with nothing new costs nothing. Changes to rows
/// whose Realm is not registered are not sent and are reported; they go out in that Realm's initial load if it registers.
/// A conflict probe (<see cref="Probe"/>) runs the same capture inside one Realm's transaction and matches that Realm's
/// net changes only.
/// </summary>
internal static class PgPartitionCapture
{
    /// <summary>The conflict probe of <paramref name="RealmId"/>'s transaction, at the capture's end position <paramref name="Lsn"/>.</summary>
    public sealed record Probe(PgConflictProbe Conflicts, int RealmId, long Lsn);

    /// <param name="everyRealmWhole">Why every Realm is re-sent whole (never read, slot lost), or null.</param>
    /// <param name="forced">A <c>resend</c>'s Realm and classes' tables, or null.</param>
    /// <param name="probe">A Realm transaction's conflict probe, or null for a pass.</param>
    /// <returns>Null when a probe meets a table to re-send whole to its Realm (truncated, or the Realm never sent): rows read before the Realm's change would overwrite it in Realm, so the poll pass after the transaction sends them.</returns>
    public static async Task<PollResult?> CaptureAsync(
        NpgsqlConnection connection, int mappingId, SchemaMapping mapping, IEnumerable<PgRowChange> changes, string? everyRealmWhole,
        (int RealmId, IReadOnlySet<string> Tables)? forced, PollOptions options, PgOutboxStore store, ChangeTrackingSource source, NpgsqlLogSequenceNumber end,
        CancellationToken cancellationToken, Probe? probe = null)
    {
        var (byRealm, truncated) = PgNetChanges.ByRealm(mapping, changes);
        var members = await MembersAsync(connection, mappingId, everyRealmWhole is not null || truncated.Count > 0, [.. byRealm.Keys, .. forced is { } f ? [f.RealmId] : Array.Empty<int>()], cancellationToken);
        if (probe is not null && (everyRealmWhole is not null || truncated.Count > 0 || (members.TryGetValue(probe.RealmId, out var own) && !own.Sent)))
        {
            return null;
        }

        var warnings = ImmutableArray.CreateBuilder<string>();
        var paths = new List<RealmPathCounts>();
        var fresh = new List<string>();
        foreach (var (realmId, (path, sent)) in members.OrderBy(m => m.Key))
        {
            var tables = new HashSet<string>(truncated, StringComparer.Ordinal);
            if (everyRealmWhole is not null || !sent)
            {
                tables.UnionWith(mapping.Tables.Select(t => t.Name));
            }

            if (forced is { } resend && resend.RealmId == realmId)
            {
                tables.UnionWith(resend.Tables);
            }

            if (!sent && everyRealmWhole is null)
            {
                fresh.Add(path);
            }

            await PgScopeViews.SelectAsync(connection, realmId, cancellationToken);

            var scoped = mapping.ForRealm(path);
            var whole = ReloadScope.Classes(scoped, tables);
            var net = byRealm.GetValueOrDefault(realmId) ?? new PgNetChanges();
            if (probe is not null && probe.RealmId == realmId)
            {
                // Only this Realm's changes can conflict with its transaction; realm-wins leaves them out of its outbox alone.
                await probe.Conflicts.MatchAsync(connection, scoped, net, probe.Lsn, cancellationToken);
            }

            var output = await PgDeltaReads.WriteAsync(connection, scoped, net, whole, options, store, realmId, source, cancellationToken);
            await store.WritePositionAsync(realmId, end, cancellationToken);
            paths.Add(new RealmPathCounts(path) { OutboxTransactions = output.Transactions, OutboxInstructions = output.Batcher.Instructions, Captured = true });
        }

        if (everyRealmWhole is not null)
        {
            warnings.Add(PartitionPassReport.EveryRealmWhole(mapping, members.Count, everyRealmWhole));
        }

        if (truncated.Count > 0)
        {
            warnings.Add($"partitioned mapping '{mapping.RealmPath}': table(s) {string.Join(", ", truncated.Order().Select(t => $"\"{mapping.SqlSchema}\".\"{t}\""))} truncated in PostgreSQL: re-sent whole to every registered Realm");
        }

        if (fresh.Count > 0)
        {
            warnings.Add(PartitionPassReport.Fresh(mapping, fresh));
        }

        if (byRealm.Keys.Where(id => !members.ContainsKey(id)).Order().ToList() is { Count: > 0 } unrouted)
        {
            warnings.Add(PartitionPassReport.Unrouted(mapping, unrouted));
        }

        return new PollResult((long)(ulong)end, 0, paths.Sum(p => (int)p.OutboxTransactions), paths.Sum(p => p.OutboxInstructions), [])
        {
            Warnings = warnings.ToImmutable(),
            Paths = paths,
        };
    }

    /// <summary>
    /// The registered Realms of the mapping the pass must visit: those in <paramref name="ids"/> (changed, or resent),
    /// those never sent (no capture position yet), or all of them (<paramref name="all"/>); with each one's path and
    /// whether it was sent before.
    /// </summary>
    private static async Task<Dictionary<int, (string Path, bool Sent)>> MembersAsync(
        NpgsqlConnection connection, int mappingId, bool all, int[] ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT r."RealmId", r."RealmPath", p."RealmId" IS NOT NULL
            FROM realmsync."MappedRealm" AS r LEFT JOIN realmsync."CapturePosition" AS p ON p."RealmId" = r."RealmId"
            WHERE r."PartitionOf" = $1 AND ($2 OR p."RealmId" IS NULL OR r."RealmId" = ANY($3));
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = mappingId });
        command.Parameters.Add(new NpgsqlParameter { Value = all });
        command.Parameters.Add(new NpgsqlParameter { Value = ids });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var members = new Dictionary<int, (string, bool)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            members[reader.GetInt32(0)] = (reader.GetString(1), reader.GetBoolean(2));
        }

        return members;
    }
}
