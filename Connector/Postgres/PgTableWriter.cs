using System.Text;
using Connector.RealmSchema;
using Connector.SchemaGeneration;

namespace Connector.Postgres;

/// <summary>
/// The generated tables as PostgreSQL DDL: the same table and column names as on SQL Server (the mapping's), types
/// by <see cref="PgTypes"/>. Primary keys are ordinary (not deferrable): they can be a replica identity (logical
/// replication of UPDATE and DELETE needs one) and the target of a DBA's foreign keys; the statements that move keys
/// or positions do it in two steps (<see cref="PgCallWriter"/>). Keys and indexes are named explicitly
/// (<see cref="RelationName"/>), since PostgreSQL's own choice (<c>Dog_pkey</c>) could be a later class's table name.
/// Growth is additive only, like the Adapter's schema instructions.
/// </summary>
public static class PgTableWriter
{
    /// <summary>CREATE TABLE and CREATE INDEX of every table of <paramref name="mapping"/> (deploy.sql creates the schema when missing).</summary>
    public static IReadOnlyList<string> Create(SchemaMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return Growth(null, mapping);
    }

    /// <summary>The statements that turn the tables of <paramref name="previous"/> into those of <paramref name="next"/>: new tables, new columns, their indexes.</summary>
    public static IReadOnlyList<string> Growth(SchemaMapping? previous, SchemaMapping next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.Scoped)
        {
            throw new ArgumentException("a mapping as one Realm sees it (ForRealm) has no DDL: grow the partitioned mapping itself (AsPartitionOf)", nameof(next));
        }

        var before = previous?.Tables.ToDictionary(t => t.Name, StringComparer.Ordinal) ?? [];
        var statements = new List<string>();
        foreach (var table in next.Tables)
        {
            if (!before.TryGetValue(table.Name, out var old))
            {
                statements.Add(CreateTable(next, table));
                statements.AddRange(table.Indexes.Where(i => !i.Clustered).Select(i => CreateIndex(next, table, i)));
                statements.AddRange(PgScopeViews.Create(next, table));
                continue;
            }

            var known = old.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            var added = table.Columns.Where(c => !known.Contains(c.Name)).ToList();
            foreach (var column in added)
            {
                statements.AddRange(AddColumn(next, table, column));
            }

            var indexed = old.Indexes.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
            statements.AddRange(table.Indexes.Where(i => !i.Clustered && !indexed.Contains(i.Name)).Select(i => CreateIndex(next, table, i)));
            if (added.Count > 0)
            {
                // A view's * was expanded when it was made: made again, it shows the new columns (appended, as OR REPLACE needs).
                statements.AddRange(PgScopeViews.Create(next, table));
            }
        }

        return statements;
    }

    private static string CreateTable(SchemaMapping mapping, SqlTableDefinition table)
    {
        var sql = new StringBuilder();
        sql.Append("CREATE TABLE ").Append(Q(table)).Append(" (\n");
        if (mapping.Partitioned)
        {
            sql.Append("    ").Append(PgIdentifier.Quote(SchemaMapper.RealmColumn)).Append(" integer NOT NULL,\n");
        }

        foreach (var column in table.Columns)
        {
            sql.Append("    ").Append(PgIdentifier.Quote(column.Name)).Append(' ').Append(PgTypes.Of(mapping, table, column).Declared)
                .Append(column.Nullable ? " NULL" : " NOT NULL").Append(",\n");
        }

        sql.Append("    CONSTRAINT ").Append(PgIdentifier.Quote(RelationName(table, "pk", table.PrimaryKey)))
            .Append(" PRIMARY KEY (").Append(string.Join(", ", KeyColumns(mapping, table.PrimaryKey).Select(PgIdentifier.Quote))).Append(")\n);");
        return sql.ToString();
    }

    /// <summary>
    /// A column added to a table that may hold rows: a required one gets Realm's default for the rows already there
    /// (as Realm gives existing objects a new property's default), then no default, like every generated column.
    /// </summary>
    private static IEnumerable<string> AddColumn(SchemaMapping mapping, SqlTableDefinition table, SqlColumnDefinition column)
    {
        var type = PgTypes.Of(mapping, table, column);
        var property = mapping.Classes.FirstOrDefault(c => c.Table == table.Name)?.Properties.FirstOrDefault(p => p.Column == column.Name);
        if (column.Nullable || property is null)
        {
            yield return $"ALTER TABLE {Q(table)} ADD COLUMN {PgIdentifier.Quote(column.Name)} {type.Declared} NULL;";
            yield break;
        }

        yield return $"ALTER TABLE {Q(table)} ADD COLUMN {PgIdentifier.Quote(column.Name)} {type.Declared} NOT NULL DEFAULT {DefaultLiteral(property.Property.Type)};";
        yield return $"ALTER TABLE {Q(table)} ALTER COLUMN {PgIdentifier.Quote(column.Name)} DROP DEFAULT;";
    }

    private static string CreateIndex(SchemaMapping mapping, SqlTableDefinition table, SqlIndexDefinition index) =>
        $"CREATE INDEX {PgIdentifier.Quote(RelationName(table, "ix", index.Columns))} ON {Q(table)} ({string.Join(", ", KeyColumns(mapping, index.Columns).Select(PgIdentifier.Quote))});";

    /// <summary>The columns of a key or index as created: a partitioned mapping's lead with the partition column, so that every lookup of one Realm's rows is a range of the index.</summary>
    private static IEnumerable<string> KeyColumns(SchemaMapping mapping, IEnumerable<string> columns) =>
        mapping.Partitioned ? columns.Prepend(SchemaMapper.RealmColumn) : columns;

    /// <summary>
    /// The name of a key or index: <c>table_pk_hash</c> / <c>table_ix_hash</c>, the table's name cut to fit 63 bytes and a
    /// hash of table and columns, so that it is the same on every deployment and no Realm class is likely to be named so
    /// (deploy.sql's preflight checks every name it creates anyway).
    /// </summary>
    public static string RelationName(SqlTableDefinition table, string kind, IEnumerable<string> columns)
    {
        ArgumentNullException.ThrowIfNull(table);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            Encoding.UTF8.GetBytes(table.Name + "\0" + string.Join("\0", columns))))[..8];
        var tail = "_" + kind + "_" + hash;
        var head = table.Name;
        while (Encoding.UTF8.GetByteCount(head) + tail.Length > PgIdentifier.MaxBytes || (head.Length > 0 && char.IsHighSurrogate(head[^1])))
        {
            head = head[..^1];
        }

        return head + tail;
    }

    /// <summary>Every relation name deploying <paramref name="mapping"/> creates: tables, keys, indexes.</summary>
    public static IEnumerable<string> RelationNames(SchemaMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        foreach (var table in mapping.Tables)
        {
            yield return table.Name;
            yield return RelationName(table, "pk", table.PrimaryKey);
            foreach (var index in table.Indexes.Where(i => !i.Clustered))
            {
                yield return RelationName(table, "ix", index.Columns);
            }
        }
    }

    /// <summary>Realm's default of a required property (Connector/Applier/SqlValueConverter.Default) as a PostgreSQL literal.</summary>
    public static string DefaultLiteral(RealmPropertyType type) => type switch
    {
        RealmPropertyType.Bool => "false",
        RealmPropertyType.Int => "0",
        RealmPropertyType.Float or RealmPropertyType.Double or RealmPropertyType.Decimal128 => "0",
        RealmPropertyType.String => "''",
        RealmPropertyType.Data => "decode('', 'hex')",
        RealmPropertyType.Date => "'1970-01-01 00:00:00'::timestamp",
        RealmPropertyType.ObjectId => "decode('000000000000000000000000', 'hex')",
        RealmPropertyType.Uuid => "'00000000-0000-0000-0000-000000000000'::uuid",
        _ => "NULL",
    };

    internal static string Q(SqlTableDefinition table) => PgIdentifier.Quote(table.Schema, table.Name);
}
