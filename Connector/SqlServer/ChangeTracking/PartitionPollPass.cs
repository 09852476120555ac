using System.Collections.Immutable;
using System.Data;
using Connector.ChangeTracking;
using Connector.Scheduling;
using Connector.SchemaGeneration;
using Connector.SqlServer.Catalog;
using Microsoft.Data.SqlClient;

namespace Connector.SqlServer.ChangeTracking;

/// <summary>
/// A poll pass of a partitioned mapping (issue 12), inside the caller's snapshot transaction: the shared tables' changes
/// since the MAPPING's watermarks go each to the Realm its row names in <see cref="SchemaMapper.RealmColumn"/>, as that
/// Realm's own outbound sequence, read for that Realm's rows only (<see cref="PollReads"/>). It visits only the Realms
/// whose rows changed (one <see cref="ChangeTrackingQueries.ChangedRealms"/> read per table), those never sent (a Realm
/// registered since the last pass is sent whole, with the rows SQL gave it before it existed), and the one a resend
/// names; a table read whole for the mapping (never read, or behind the retention) is read whole for every Realm. A
/// row moved to another Realm (its key changed, which Change Tracking records as a delete and an insert) is a DELETE in
/// one Realm and an INSERT in the other. Rows of an id no Realm has are not sent and are reported; they go out in that
/// Realm's first pass if it registers. A Realm reads only the tables its rows changed in (and those read whole). Only
/// the mapping's watermarks move; a Realm's first outbox row says it was sent (<see cref="CatalogStatements.ListPartitionMembers"/>).
/// </summary>
internal sealed class PartitionPollPass(
    SqlConnection connection, SqlTransaction transaction, int mappingId, SchemaMapping mapping, PollOptions options, int commandTimeout,
    (int RealmId, IReadOnlySet<string> Tables)? forced = null)
{
    private readonly OutboxStore store = new(connection, transaction);

    public async Task<PollResult> RunAsync(CancellationToken cancellationToken)
    {
        var (to, watermarks, reloads) = await PollPass.StartAsync(connection, transaction, store, mappingId, mapping, commandTimeout, cancellationToken);
        var reloaded = reloads.Select(r => r.Table).ToHashSet(StringComparer.Ordinal);
        var changed = await ChangedRealmsAsync(watermarks, reloaded, to, cancellationToken);
        var changedIds = changed.Values.SelectMany(ids => ids).ToHashSet();
        var members = await CatalogStore.ListPartitionMembersAsync(
            connection, transaction, mappingId, reloaded.Count > 0, [.. changedIds, .. forced is { } f ? [f.RealmId] : Array.Empty<int>()], cancellationToken);
        var source = PollPass.Source(mapping, watermarks, to);
        var paths = new List<RealmPathCounts>();
        var fresh = new List<string>();
        foreach (var (realmId, (path, sent)) in members)
        {
            var tables = new HashSet<string>(reloaded, StringComparer.Ordinal);
            if (!sent)
            {
                tables.UnionWith(mapping.Tables.Select(t => t.Name));
                fresh.Add(path);
            }

            if (forced is { } resend && resend.RealmId == realmId)
            {
                tables.UnionWith(resend.Tables);
            }

            var changedTables = changed.Where(c => c.Value.Contains(realmId)).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
            var reads = new PollReads(connection, transaction, mapping, options, commandTimeout, watermarks, to, realmId, changedTables);
            var output = await reads.WriteAsync(store, realmId, path, ReloadScope.Classes(mapping, tables), source, cancellationToken);
            paths.Add(new RealmPathCounts(path) { OutboxTransactions = output.Transactions, OutboxInstructions = output.Batcher.Instructions, Captured = true });
        }

        await PollPass.MoveWatermarksAsync(store, mappingId, mapping, to, cancellationToken);
        return new PollResult(to, 0, paths.Sum(p => (int)p.OutboxTransactions), paths.Sum(p => p.OutboxInstructions), [.. reloads])
        {
            Warnings = Warnings(members.Count, reloads, fresh, [.. changedIds.Where(id => !members.ContainsKey(id)).Order()]),
            Paths = paths,
        };
    }

    /// <summary>Per table, the Realms whose rows of it SQL changed since the mapping's watermark (tables read whole need not be asked).</summary>
    private async Task<Dictionary<string, HashSet<int>>> ChangedRealmsAsync(
        Dictionary<(string Schema, string Table), long> watermarks, HashSet<string> reloaded, long to, CancellationToken cancellationToken)
    {
        var changed = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        foreach (var table in mapping.Tables.Where(t => !reloaded.Contains(t.Name)))
        {
            var realms = changed[table.Name] = [];
            await using var command = new SqlCommand(ChangeTrackingQueries.ChangedRealms(table), connection, transaction) { CommandTimeout = commandTimeout };
            command.Parameters.Add(ChangeTrackingQueries.From, SqlDbType.BigInt).Value = watermarks[(table.Schema, table.Name)];
            command.Parameters.Add(ChangeTrackingQueries.To, SqlDbType.BigInt).Value = to;
            command.Parameters.Add(ChangeTrackingQueries.Context, SqlDbType.VarBinary, 128).Value = options.ConnectorContext.ToArray();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                realms.Add(reader.GetInt32(0));
            }
        }

        return changed;
    }

    private ImmutableArray<string> Warnings(int visited, List<TableReload> reloads, List<string> fresh, List<int> unrouted)
    {
        var warnings = ImmutableArray.CreateBuilder<string>();
        if (reloads.Count > 0)
        {
            warnings.Add(PartitionPassReport.EveryRealmWhole(mapping, visited,
                string.Join("; ", reloads.Select(r => $"table [{r.Schema}].[{r.Table}]: {r.Reason}"))));
        }

        if (fresh.Count > 0 && reloads.Count == 0)
        {
            warnings.Add(PartitionPassReport.Fresh(mapping, fresh));
        }

        if (unrouted.Count > 0)
        {
            warnings.Add(PartitionPassReport.Unrouted(mapping, unrouted));
        }

        return warnings.ToImmutable();
    }
}
