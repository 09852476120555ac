using Connector.Catalog;
using Connector.SchemaGeneration;
using Npgsql;

namespace Connector.Postgres;

/// <summary>
/// What <c>status</c> and <c>doctor</c> say of a partitioned mapping (issue 12): how many Realm paths are registered under
/// it, and the rows of its tables whose <see cref="SchemaMapper.RealmColumn"/> names no registered Realm of it (written
/// in SQL with a wrong id, or for a Realm that never registered). Such rows are never sent; they go out in a Realm's
/// initial load if a Realm with that id registers.
/// </summary>
public static class PgPartitionReport
{
    /// <summary>The registered paths of the mapping, and per table the rows of no registered Realm (tables with none left out).</summary>
    public static async Task<(long Registered, IReadOnlyList<(string Table, long Rows)> Unrouted)> ReadAsync(
        NpgsqlConnection connection, MappedRealm partitioned, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitioned);
        long registered;
        await using (var count = new NpgsqlCommand("""SELECT count(*) FROM realmsync."MappedRealm" WHERE "PartitionOf" = $1;""", connection))
        {
            count.Parameters.Add(new NpgsqlParameter { Value = partitioned.RealmId });
            registered = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        var mapping = await PgCatalogStore.LoadMappingAsync(connection, partitioned.RealmId, cancellationToken);
        var unrouted = new List<(string, long)>();
        foreach (var table in mapping?.Tables ?? [])
        {
            await using var rows = new NpgsqlCommand(UnroutedRows(PgTableWriter.Q(table)), connection);
            rows.Parameters.Add(new NpgsqlParameter { Value = partitioned.RealmId });
            if ((long)(await rows.ExecuteScalarAsync(cancellationToken))! is > 0 and var n)
            {
                unrouted.Add(($"\"{table.Schema}\".\"{table.Name}\"", n));
            }
        }

        return (registered, unrouted);
    }

    /// <summary>
    /// The rows of a table (<paramref name="table"/>, quoted) whose Realm is no registered Realm of the mapping ($1). The
    /// distinct Realms are found by a skip scan of the index every table leads with <see cref="SchemaMapper.RealmColumn"/>
    /// (one index probe per Realm, not a read of every row), and only the rows of unregistered ones are counted, each
    /// Realm's by its index range.
    /// </summary>
    public static string UnroutedRows(string table)
    {
        var realm = PgIdentifier.Quote(SchemaMapper.RealmColumn);
        return $$"""
            WITH RECURSIVE ids(id) AS (
                (SELECT t.{{realm}} FROM {{table}} AS t ORDER BY t.{{realm}} LIMIT 1)
                UNION ALL
                SELECT (SELECT t.{{realm}} FROM {{table}} AS t WHERE t.{{realm}} > ids.id ORDER BY t.{{realm}} LIMIT 1) FROM ids WHERE ids.id IS NOT NULL
            )
            SELECT COALESCE(sum(c.n), 0)::bigint FROM ids
            CROSS JOIN LATERAL (SELECT count(*) AS n FROM {{table}} AS t WHERE t.{{realm}} = ids.id) AS c
            WHERE ids.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM realmsync."MappedRealm" AS r WHERE r."RealmId" = ids.id AND r."PartitionOf" = $1);
            """;
    }
}
