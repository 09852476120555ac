using System.Text;
using Connector.ChangeTracking;
using Connector.SchemaGeneration;

namespace Connector.Postgres;

/// <summary>
/// The reads of PostgreSQL's capture pass, in the two row shapes the shared converters take (<see cref="ClassRow"/>,
/// <see cref="CollectionRow"/>), so that a net change and a whole-table reload go through the same code as on SQL
/// Server. Only quoted identifiers are rendered; keys and operations are array parameters (<c>$1</c>, <c>$2</c>, as
/// PostgreSQL's text of the key, cast to the key's type), and a reload pages by key (<c>$1</c> the last key read,
/// <c>$2</c> the page size). numeric columns are read as text: decimal128 holds what .NET's decimal cannot.
/// </summary>
public static class PgDeltaQueries
{
    /// <summary>The rows of the keys in <c>$1</c> with the operations in <c>$2</c>, joined to their current values; a key inserted in the window whose row is gone again is left out.</summary>
    public static string ClassChanges(SchemaMapping mapping, SqlTableDefinition table)
    {
        var key = Key(table);
        var type = KeyType(mapping, table, key);
        return new StringBuilder()
            .Append("SELECT NULL::bigint, k.op, NULL::bytea, k.key::").Append(type).Append(", ").Append(Columns(mapping, table, "t")).Append('\n')
            .Append("FROM unnest($1::text[], $2::text[]) AS k(key, op)\n")
            .Append("LEFT JOIN ").Append(PgTableWriter.Q(table)).Append(" AS t ON t.").Append(PgIdentifier.Quote(key)).Append(" = k.key::").Append(type).Append('\n')
            .Append("WHERE k.op <> '").Append(ClassRow.Insert[0]).Append("' OR t.").Append(PgIdentifier.Quote(key)).Append(" IS NOT NULL;")
            .ToString();
    }

    /// <summary>The keys in <c>$1</c> (text) that have no row in the class table.</summary>
    public static string Missing(SchemaMapping mapping, SqlTableDefinition table)
    {
        var key = Key(table);
        return $"SELECT k FROM unnest($1::text[]) AS k WHERE NOT EXISTS (SELECT 1 FROM {PgTableWriter.Q(table)} AS t WHERE t.{PgIdentifier.Quote(key)} = k::{KeyType(mapping, table, key)});";
    }

    /// <summary>A page of every row of a class table, each as an insert, after the key <c>$1</c> (null: from the start), at most <c>$2</c> rows.</summary>
    public static string ClassReload(SchemaMapping mapping, SqlTableDefinition table)
    {
        var key = "t." + PgIdentifier.Quote(Key(table));
        return new StringBuilder()
            .Append("SELECT NULL::bigint, '").Append(ClassRow.Insert[0]).Append("'::text, NULL::bytea, ").Append(key).Append(", ").Append(Columns(mapping, table, "t")).Append('\n')
            .Append("FROM ").Append(PgTableWriter.Q(table)).Append(" AS t\n")
            .Append("WHERE $1::").Append(KeyType(mapping, table, Key(table))).Append(" IS NULL OR ").Append(key).Append(" > $1\n")
            .Append("ORDER BY ").Append(key).Append(" LIMIT $2;")
            .ToString();
    }

    /// <summary>The owners in <c>$1</c> (text), each with whether it exists and its whole collection in order.</summary>
    public static string CollectionChanges(SchemaMapping mapping, SqlTableDefinition child, SqlTableDefinition owner)
    {
        var type = KeyType(mapping, owner, Key(owner));
        return Collection(mapping, child, owner, $"SELECT x::{type} AS owner FROM unnest($1::text[]) AS x");
    }

    /// <summary>A page of every owner after the key <c>$1</c> (null: from the start), at most <c>$2</c> owners, in the shape of <see cref="CollectionChanges"/>.</summary>
    public static string CollectionReload(SchemaMapping mapping, SqlTableDefinition child, SqlTableDefinition owner)
    {
        var key = "p0." + PgIdentifier.Quote(Key(owner));
        return Collection(mapping, child, owner,
            $"SELECT {key} AS owner FROM {PgTableWriter.Q(owner)} AS p0 WHERE $1::{KeyType(mapping, owner, Key(owner))} IS NULL OR {key} > $1 ORDER BY {key} LIMIT $2");
    }

    private static string Collection(SchemaMapping mapping, SqlTableDefinition child, SqlTableDefinition owner, string owners)
    {
        var ownerColumn = PgIdentifier.Quote(SchemaMapper.OwnerColumn);
        var order = PgIdentifier.Quote(child.Role == TableRole.Dictionary ? SchemaMapper.KeyColumn : SchemaMapper.PositionColumn);
        // Every collection of objects keeps its element in _target, primitives in _value.
        var element = child.Columns.Any(c => c.Name == SchemaMapper.TargetColumn) ? SchemaMapper.TargetColumn : SchemaMapper.ValueColumn;
        return new StringBuilder()
            .Append("SELECT o.owner, p.").Append(PgIdentifier.Quote(Key(owner))).Append(", c.").Append(order).Append(", ").Append(Column(mapping, child, element, "c")).Append('\n')
            .Append("FROM (").Append(owners).Append(") AS o\n")
            .Append("LEFT JOIN ").Append(PgTableWriter.Q(owner)).Append(" AS p ON p.").Append(PgIdentifier.Quote(Key(owner))).Append(" = o.owner\n")
            .Append("LEFT JOIN ").Append(PgTableWriter.Q(child)).Append(" AS c ON c.").Append(ownerColumn).Append(" = o.owner\n")
            .Append("ORDER BY o.owner, c.").Append(order).Append(';')
            .ToString();
    }

    private static string Columns(SchemaMapping mapping, SqlTableDefinition table, string alias) =>
        string.Join(", ", table.Columns.Select(c => Column(mapping, table, c.Name, alias)));

    private static string Column(SchemaMapping mapping, SqlTableDefinition table, string column, string alias)
    {
        var read = alias + "." + PgIdentifier.Quote(column);
        return PgTypes.Of(mapping, table, column).Cast == "numeric" ? read + "::text" : read;
    }

    private static string KeyType(SchemaMapping mapping, SqlTableDefinition table, string key) => PgTypes.Of(mapping, table, key).ScalarName;

    private static string Key(SqlTableDefinition table) => table.PrimaryKey.Length == 1
        ? table.PrimaryKey[0]
        : throw new ArgumentException($"table {table.Name} has a {table.PrimaryKey.Length}-column key; a class table has one key column", nameof(table));
}
