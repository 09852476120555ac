using System.Text;
using Connector.RealmSchema;
using Connector.SchemaGeneration;

namespace Connector.Postgres;

/// <summary>
/// The generated tables as PostgreSQL DDL: the same table and column names as on SQL Server (the mapping's), types
/// by <see cref="PgTypes"/>. Primary keys are DEFERRABLE INITIALLY IMMEDIATE, so that PostgreSQL checks them at the
/// end of each statement as SQL Server does ("Unique constraints", CREATE TABLE): shifting list positions by one or
/// swapping two identities in one UPDATE is then not a duplicate midway. PostgreSQL names the key and the indexes
/// itself (schema-wide unique, within 63 bytes). Growth is additive only, like the Adapter's schema instructions.
/// </summary>
public static class PgTableWriter
{
    /// <summary>CREATE SCHEMA (when missing) and CREATE TABLE of every table of <paramref name="mapping"/>.</summary>
    public static IReadOnlyList<string> Create(SchemaMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return [$"CREATE SCHEMA IF NOT EXISTS {PgIdentifier.Quote(mapping.SqlSchema)};", .. Growth(null, mapping)];
    }

    /// <summary>The statements that turn the tables of <paramref name="previous"/> into those of <paramref name="next"/>: new tables, new columns, their indexes.</summary>
    public static IReadOnlyList<string> Growth(SchemaMapping? previous, SchemaMapping next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var before = previous?.Tables.ToDictionary(t => t.Name, StringComparer.Ordinal) ?? [];
        var statements = new List<string>();
        foreach (var table in next.Tables)
        {
            if (!before.TryGetValue(table.Name, out var old))
            {
                statements.Add(CreateTable(next, table));
                statements.AddRange(table.Indexes.Where(i => !i.Clustered).Select(i => CreateIndex(table, i)));
                continue;
            }

            var known = old.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var column in table.Columns.Where(c => !known.Contains(c.Name)))
            {
                statements.AddRange(AddColumn(next, table, column));
            }

            var indexed = old.Indexes.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
            statements.AddRange(table.Indexes.Where(i => !i.Clustered && !indexed.Contains(i.Name)).Select(i => CreateIndex(table, i)));
        }

        return statements;
    }

    private static string CreateTable(SchemaMapping mapping, SqlTableDefinition table)
    {
        var sql = new StringBuilder();
        sql.Append("CREATE TABLE ").Append(Q(table)).Append(" (\n");
        foreach (var column in table.Columns)
        {
            sql.Append("    ").Append(PgIdentifier.Quote(column.Name)).Append(' ').Append(PgTypes.Of(mapping, table, column).Declared)
                .Append(column.Nullable ? " NULL" : " NOT NULL").Append(",\n");
        }

        sql.Append("    PRIMARY KEY (").Append(string.Join(", ", table.PrimaryKey.Select(PgIdentifier.Quote))).Append(") DEFERRABLE INITIALLY IMMEDIATE\n);");
        return sql.ToString();
    }

    /// <summary>
    /// A column added to a table that may hold rows: a required one gets Realm's default for the rows already there
    /// (as Realm gives existing objects a new property's default), then no default, like every generated column.
    /// </summary>
    private static IEnumerable<string> AddColumn(SchemaMapping mapping, SqlTableDefinition table, SqlColumnDefinition column)
    {
        var type = PgTypes.Of(mapping, table, column);
        var property = mapping.Classes.SelectMany(c => c.Properties).FirstOrDefault(p =>
            p.Column == column.Name && mapping.Classes.Any(c => c.Table == table.Name && c.Properties.Contains(p)));
        if (column.Nullable || property is null)
        {
            yield return $"ALTER TABLE {Q(table)} ADD COLUMN {PgIdentifier.Quote(column.Name)} {type.Declared} NULL;";
            yield break;
        }

        yield return $"ALTER TABLE {Q(table)} ADD COLUMN {PgIdentifier.Quote(column.Name)} {type.Declared} NOT NULL DEFAULT {DefaultLiteral(property.Property.Type)};";
        yield return $"ALTER TABLE {Q(table)} ALTER COLUMN {PgIdentifier.Quote(column.Name)} DROP DEFAULT;";
    }

    private static string CreateIndex(SqlTableDefinition table, SqlIndexDefinition index) =>
        $"CREATE INDEX ON {Q(table)} ({string.Join(", ", index.Columns.Select(PgIdentifier.Quote))});";

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
