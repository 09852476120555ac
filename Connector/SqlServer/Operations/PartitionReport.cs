using Connector.Operations;
using Connector.Partitioning;

namespace Connector.SqlServer.Operations;

/// <summary>
/// What <c>status</c> and <c>doctor</c> say of each partitioned mapping on SQL Server (issue 12), as PostgreSQL's
/// <c>PgPartitionReport</c> does: how many Realm paths are registered under it, and per table the rows whose partition
/// column names no registered Realm of it (<see cref="UnroutedRows"/>). One query lists the mappings and their tables
/// (<see cref="OperationsSql.PartitionedMappings"/>), then one counts the rows of each mapping's tables
/// (<see cref="OperationsSql.UnroutedRows"/>): a scan of every shared table. Needs catalog version 2.
/// </summary>
public static class PartitionReport
{
    /// <summary>One partitioned mapping: its row, the paths registered under it, and its rows of no registered Realm (tables with none left out).</summary>
    public sealed record Mapping(int RealmId, string Pattern, string SqlSchema, long Registered, IReadOnlyList<(string Table, long Rows)> Unrouted);

    public static async Task<IReadOnlyList<Mapping>> ReadAsync(OperationsConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var (mappings, tables) = await connection.QueryAsync(OperationsSql.PartitionedMappings, async (r, ct) =>
        {
            var read = new List<(int RealmId, string Pattern, string SqlSchema, long Registered)>();
            while (await r.ReadAsync(ct))
            {
                read.Add((r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetInt64(3)));
            }

            await r.NextResultAsync(ct);
            var listed = new List<(int RealmId, string Table)>();
            while (await r.ReadAsync(ct))
            {
                listed.Add((r.GetInt32(0), r.GetString(1)));
            }

            return (read, listed);
        }, cancellationToken);
        var report = new List<Mapping>();
        foreach (var (realmId, pattern, schema, registered) in mappings)
        {
            var own = tables.Where(t => t.RealmId == realmId).Select(t => t.Table).ToList();
            report.Add(new(realmId, pattern, schema, registered, own.Count == 0 ? [] : await CountAsync(connection, realmId, schema, own, cancellationToken)));
        }

        return report;
    }

    /// <summary><c>doctor</c>'s line per partitioned mapping (none before catalog version 2, which has none).</summary>
    public static async Task<IReadOnlyList<CheckResult>> CheckAsync(OperationsConnection connection, DatabaseState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.CatalogVersion is not >= 2)
        {
            return [];
        }

        try
        {
            return [.. (await ReadAsync(connection, cancellationToken)).Select(m => UnroutedRows.Check(m.Pattern, m.Registered, m.Unrouted, "[realmsync].[MappedRealm]"))];
        }
        catch (ConnectorException e)
        {
            // The login's missing SELECT is the permission check's line; say here which check could not run.
            return [CheckResult.Warn("partitioned mappings", $"not checked: {e.Message}", "grant the permissions the 'permissions' line names, then run doctor again.")];
        }
    }

    private static async Task<IReadOnlyList<(string Table, long Rows)>> CountAsync(
        OperationsConnection connection, int realmId, string schema, List<string> tables, CancellationToken cancellationToken) =>
        await connection.QueryAsync(OperationsSql.UnroutedRows(schema, tables), async (r, ct) =>
        {
            var unrouted = new List<(string, long)>();
            while (await r.ReadAsync(ct))
            {
                if (r.GetInt64(1) is > 0 and var rows)
                {
                    unrouted.Add((Sql.SqlIdentifier.Quote(schema, tables[r.GetInt32(0)]), rows));
                }
            }

            return unrouted;
        }, cancellationToken, ("@realmId", realmId));
}
