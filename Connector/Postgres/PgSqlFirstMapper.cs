using Connector.ChangeTracking;
using Connector.RealmSchema;

namespace Connector.Postgres;

/// <summary>
/// PostgreSQL's part of SQL-first mapping (<see cref="SqlFirstDialect"/>): a column's type (a domain resolved to the
/// type it is made from, <see cref="PgSqlFirstMetadata"/>) to the Realm type, the reverse of DESIGN.md section 11.
/// The mapping records the type as <c>format_type</c> spells it, which <see cref="PgTypes.Of(string, bool)"/> reads back.
/// </summary>
public static class PgSqlFirstMapper
{
    public static SqlFirstDialect Dialect { get; } = new(Quote, RealmType, Declared, Described, KeyProblem);

    /// <summary>The Realm type of a column by its type's name in pg_type, or null when Realm has none.</summary>
    public static RealmPropertyType? RealmType(ColumnMetadata column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.TypeName switch
        {
            "bool" => RealmPropertyType.Bool,
            "int2" or "int4" or "int8" => RealmPropertyType.Int,
            "float4" => RealmPropertyType.Float,
            "float8" => RealmPropertyType.Double,
            "numeric" => RealmPropertyType.Decimal128,
            "text" or "varchar" or "bpchar" => RealmPropertyType.String,
            "bytea" => RealmPropertyType.Data,
            "timestamp" or "timestamptz" or "date" => RealmPropertyType.Date,
            "uuid" => RealmPropertyType.Uuid,
            _ => null,
        };
    }

    /// <summary>The column's type as DDL spells it: <c>character varying(50)</c>, <c>numeric(10,2)</c>, <c>timestamp(3) with time zone</c>.</summary>
    public static string Declared(ColumnMetadata column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.Declared ?? column.TypeName;
    }

    private static string Described(ColumnMetadata column) =>
        Declared(column) + (column.AliasType is null ? string.Empty : $" (domain {column.AliasType})");

    /// <summary>A name in a message; unlike <see cref="PgIdentifier.Quote(string)"/> it takes any configured name, even one no table can have.</summary>
    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string? KeyProblem(ColumnMetadata column, string described) => column.TypeName == "bpchar"
        ? $"{described}: character(n) pads its text with spaces, which PostgreSQL drops when it compares it with text, so the connector could not find a row " +
            "by the key it read; make the key column character varying or text"
        : null;
}
