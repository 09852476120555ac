using System.Runtime.CompilerServices;
using Connector.RealmSchema;
using Connector.SchemaGeneration;
using NpgsqlTypes;

namespace Connector.Postgres;

/// <summary>
/// A column's PostgreSQL type (DESIGN.md section 11): as declared in DDL, as sent on the wire (arrays of it), and the
/// cast that turns the wire value into the column's type where they differ (numeric and json travel as text).
/// </summary>
public sealed record PgType(string Declared, NpgsqlDbType Wire, string? Cast)
{
    /// <summary>The expression <paramref name="expression"/> as a value of this type.</summary>
    public string Read(string expression) => Cast is null ? expression : expression + "::" + Cast;

    /// <summary>The array parameter type: an array of the wire type.</summary>
    public NpgsqlDbType ArrayWire => NpgsqlDbType.Array | Wire;

    /// <summary>The SQL name of the wire type's array, for an explicit cast of a parameter (<c>$1::bigint[]</c>).</summary>
    public string ArrayName => Wire switch
    {
        NpgsqlDbType.Boolean => "boolean[]",
        NpgsqlDbType.Bigint => "bigint[]",
        NpgsqlDbType.Integer => "integer[]",
        NpgsqlDbType.Real => "real[]",
        NpgsqlDbType.Double => "double precision[]",
        NpgsqlDbType.Bytea => "bytea[]",
        NpgsqlDbType.Timestamp => "timestamp[]",
        NpgsqlDbType.Uuid => "uuid[]",
        _ => "text[]",
    };

    /// <summary>The scalar SQL name of the wire type (<c>$1::bigint</c>).</summary>
    public string ScalarName => ArrayName[..^2];
}

/// <summary>The PostgreSQL type of every generated column, from the mapping's SQL Server type and the Realm type behind it.</summary>
public static class PgTypes
{
    public static readonly PgType Boolean = new("boolean", NpgsqlDbType.Boolean, null);
    public static readonly PgType Integer = new("integer", NpgsqlDbType.Integer, null);
    public static readonly PgType Bigint = new("bigint", NpgsqlDbType.Bigint, null);

    /// <summary>Keys, links, dictionary keys and indexed strings compare by code point, as Realm compares them.</summary>
    public static readonly PgType KeyText = new("text COLLATE \"C\"", NpgsqlDbType.Text, null);

    private static readonly ConditionalWeakTable<SchemaMapping, HashSet<(string Table, string Column)>> Mixed = new();

    /// <summary>The type of <paramref name="sqlType"/> (the mapping's SQL Server type); <paramref name="mixed"/> for a mixed property's column.</summary>
    public static PgType Of(string sqlType, bool mixed)
    {
        ArgumentNullException.ThrowIfNull(sqlType);
        if (mixed)
        {
            // json, not jsonb: jsonb rewrites numbers (1E+16 prints as an integer, -0.0 as 0.0), and the tagged encoding
            // tells a double from an int by its text (ADAPTER-PROTOCOL.md section 3). json keeps the text; cast to jsonb to query.
            return new PgType("json", NpgsqlDbType.Text, "json");
        }

        return sqlType switch
        {
            "bit" => Boolean,
            "int" => Integer,
            "bigint" => Bigint,
            "real" => new PgType("real", NpgsqlDbType.Real, null),
            "float" => new PgType("double precision", NpgsqlDbType.Double, null),
            "varbinary(max)" or "binary(12)" => new PgType("bytea", NpgsqlDbType.Bytea, null),
            "datetime2(7)" => new PgType("timestamp", NpgsqlDbType.Timestamp, null),
            "decimal(38,18)" => new PgType("numeric", NpgsqlDbType.Text, "numeric"),
            "uniqueidentifier" => new PgType("uuid", NpgsqlDbType.Uuid, null),
            "nvarchar(max)" => new PgType("text", NpgsqlDbType.Text, null),
            _ when sqlType.StartsWith("nvarchar(", StringComparison.Ordinal) => KeyText,
            _ => Existing(sqlType) ?? throw new ArgumentOutOfRangeException(nameof(sqlType), sqlType, "no PostgreSQL type is mapped for this column type"),
        };
    }

    /// <summary>
    /// The type of a SQL-first table's column (<see cref="PgSqlFirstMapper"/>), recorded as format_type spells it; none
    /// of these names is one of the generated types above, apart from bigint and real, which mean the same. A
    /// timestamp with time zone is sent as a UTC timestamp and read as one, whatever the session's TimeZone.
    /// </summary>
    private static PgType? Existing(string declared) => declared switch
    {
        "boolean" => Boolean,
        // Sent as bigint: a Realm int out of the column's range is then PostgreSQL's 22003 (bad input), not an overflow here.
        "smallint" or "integer" => new PgType(declared, NpgsqlDbType.Bigint, null),
        "double precision" => new PgType(declared, NpgsqlDbType.Double, null),
        "text" => new PgType(declared, NpgsqlDbType.Text, null),
        "bytea" => new PgType(declared, NpgsqlDbType.Bytea, null),
        "uuid" => new PgType(declared, NpgsqlDbType.Uuid, null),
        "date" => new PgType(declared, NpgsqlDbType.Timestamp, null),
        _ when declared.StartsWith("character", StringComparison.Ordinal) => new PgType(declared, NpgsqlDbType.Text, null),
        _ when declared.StartsWith("numeric", StringComparison.Ordinal) => new PgType(declared, NpgsqlDbType.Text, "numeric"),
        _ when declared.StartsWith("timestamp", StringComparison.Ordinal) && declared.EndsWith(" with time zone", StringComparison.Ordinal) =>
            new PgType(declared, NpgsqlDbType.Timestamp, "timestamp AT TIME ZONE 'UTC'"),
        _ when declared.StartsWith("timestamp", StringComparison.Ordinal) => new PgType(declared, NpgsqlDbType.Timestamp, null),
        _ => null,
    };

    /// <summary>The type of <paramref name="column"/> of <paramref name="table"/> in <paramref name="mapping"/>.</summary>
    public static PgType Of(SchemaMapping mapping, SqlTableDefinition table, SqlColumnDefinition column)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(column);
        return Of(column.SqlType, MixedColumns(mapping).Contains((table.Name, column.Name)));
    }

    /// <summary>The type of the column named <paramref name="column"/> of <paramref name="table"/>.</summary>
    public static PgType Of(SchemaMapping mapping, SqlTableDefinition table, string column)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Of(mapping, table, table.Columns.First(c => c.Name == column));
    }

    /// <summary>The columns that hold mixed values (json): a mixed property's column, a mixed collection's value column.</summary>
    public static HashSet<(string Table, string Column)> MixedColumns(SchemaMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return Mixed.GetValue(mapping, m => [.. m.Classes
            .SelectMany(c => c.Properties.Where(p => p.Property.Type == RealmPropertyType.Mixed)
                .Select(p => p.ChildTable is null ? (c.Table, p.Column!) : (p.ChildTable, SchemaMapper.ValueColumn)))]);
    }
}
