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
            await using var rows = new NpgsqlCommand(
                $"""
                SELECT count(*) FROM {PgTableWriter.Q(table)} AS t
                WHERE NOT EXISTS (SELECT 1 FROM realmsync."MappedRealm" AS r WHERE r."RealmId" = t.{PgIdentifier.Quote(SchemaMapper.RealmColumn)} AND r."PartitionOf" = $1);
                """, connection);
            rows.Parameters.Add(new NpgsqlParameter { Value = partitioned.RealmId });
            if ((long)(await rows.ExecuteScalarAsync(cancellationToken))! is > 0 and var n)
            {
                unrouted.Add(($"\"{table.Schema}\".\"{table.Name}\"", n));
            }
        }

        return (registered, unrouted);
    }
}
