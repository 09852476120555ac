using Connector.ChangeTracking;
using Npgsql;

namespace Connector.Postgres;

/// <summary>
/// An existing PostgreSQL table for SQL-first mapping: its metadata (<see cref="TableMetadata"/>), and what change
/// capture needs of it beyond a primary key: a replica identity that publishes the key with every UPDATE and DELETE,
/// SELECT for the connector's role, and whether the role owns it (joining it to a publication needs that).
/// </summary>
/// <param name="ReplicaIdentity">pg_class.relreplident: d (default: the primary key), f (full), i (an index), n (nothing).</param>
/// <param name="IdentityCoversKey">With replica identity i, whether the index holds the primary key's columns.</param>
public sealed record PgSqlFirstTable(TableMetadata Metadata, char ReplicaIdentity, bool IdentityCoversKey, bool CanSelect, bool Owned)
{
    /// <summary>Why the connector could not read the table's changes, with the statement that fixes it; null when it can.</summary>
    public string? CaptureProblem(string role)
    {
        var name = PgSqlFirstMapper.Dialect.Name(Metadata.Schema, Metadata.Name);
        if (ReplicaIdentity == 'n' || (ReplicaIdentity == 'i' && !IdentityCoversKey))
        {
            var identity = ReplicaIdentity == 'n' ? "NOTHING" : "USING INDEX on an index without the primary key";
            return $"table {name} has REPLICA IDENTITY {identity}: PostgreSQL would publish its UPDATEs and DELETEs without the key the connector needs " +
                $"(and refuse them once the table is in a publication). As its owner, run: ALTER TABLE {name} REPLICA IDENTITY DEFAULT; Then install again";
        }

        return CanSelect
            ? null
            : $"role {role} lacks SELECT on table {name}, which reading its rows needs. As its owner, run: GRANT SELECT ON {name} TO {PgSqlFirstMapper.Dialect.Quote(role)}; Then install again";
    }
}

/// <summary>Reads the tables of one schema for <see cref="PgSqlFirstMapper"/> from pg_catalog.</summary>
public static class PgSqlFirstMetadata
{
    /// <summary>
    /// One row per column: table, column, type name (a domain's base type), the type as format_type spells it (with the
    /// domain's own modifier), nullability (a domain's NOT NULL too), key position (0 when not in the primary key), the
    /// domain's name (a generated column reads as the type 'generated', which maps to nothing: it is left out with a
    /// warning), the replica identity, whether its index covers the key, SELECT, ownership. Ordinary tables only:
    /// a partitioned table's changes are published under its partitions' names. The schema matches without case, as on
    /// SQL Server; the planner prefers the exact spelling.
    /// </summary>
    public const string Query =
        """
        SELECT c.relname, a.attname, CASE WHEN a.attgenerated <> '' THEN 'generated' ELSE COALESCE(b.typname, t.typname) END,
               CASE WHEN a.attgenerated <> '' THEN 'a generated column (PostgreSQL computes it; Realm could not write it)'
                    ELSE pg_catalog.format_type(COALESCE(b.oid, t.oid), CASE WHEN b.oid IS NULL THEN a.atttypmod ELSE t.typtypmod END) END,
               NOT a.attnotnull AND NOT t.typnotnull, COALESCE(pg_catalog.array_position(k.conkey, a.attnum), 0),
               CASE WHEN b.oid IS NOT NULL THEN pg_catalog.format_type(t.oid, NULL) END, c.relreplident::text,
               COALESCE((SELECT k.conkey <@ i.indkey::int2[] FROM pg_catalog.pg_index AS i WHERE i.indrelid = c.oid AND i.indisreplident), false),
               pg_catalog.has_table_privilege(c.oid, 'SELECT'), pg_catalog.pg_has_role(c.relowner, 'USAGE'), n.nspname
        FROM pg_catalog.pg_class AS c
        JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
        JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        JOIN pg_catalog.pg_type AS t ON t.oid = a.atttypid
        LEFT JOIN pg_catalog.pg_type AS b ON t.typtype = 'd' AND b.oid = t.typbasetype
        LEFT JOIN pg_catalog.pg_constraint AS k ON k.conrelid = c.oid AND k.contype = 'p'
        WHERE lower(n.nspname) = lower($1) AND c.relkind = 'r'
        ORDER BY n.nspname, c.relname, a.attnum;
        """;

    public static async Task<IReadOnlyList<PgSqlFirstTable>> ReadAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Query, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = schema });
        var rows = new List<(PgSqlFirstTable Table, ColumnMetadata Column, int KeyOrdinal)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var table = new PgSqlFirstTable(
                    new TableMetadata(reader.GetString(11), reader.GetString(0), [], []), reader.GetString(7)[0], reader.GetBoolean(8), reader.GetBoolean(9), reader.GetBoolean(10));
                var column = new ColumnMetadata(
                    reader.GetString(1), reader.GetString(2), reader.GetBoolean(4), -1, 0, 0, reader.IsDBNull(6) ? null : reader.GetString(6), Declared: reader.GetString(3));
                rows.Add((table, column, reader.GetInt32(5)));
            }
        }

        // The rows come in table order; a table's own facts repeat on each of its columns.
        return [.. rows.GroupBy(r => (r.Table.Metadata.Schema, r.Table.Metadata.Name)).Select(g => g.First().Table with
        {
            Metadata = g.First().Table.Metadata with
            {
                Columns = [.. g.Select(r => r.Column)],
                PrimaryKey = [.. g.Where(r => r.KeyOrdinal > 0).OrderBy(r => r.KeyOrdinal).Select(r => r.Column.Name)],
            },
        })];
    }
}
