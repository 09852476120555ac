using System.Data;
using System.Globalization;

namespace Connector.Sql;

/// <summary>
/// A column type as the generated DDL spells it (<c>nvarchar(450)</c>, <c>decimal(38,18)</c>), or as a SQL-first
/// table declares a key (<c>varchar(20)</c>, <c>smallint</c>: ChangeTracking/SqlFirstMapper.Declared), parsed into
/// what a parameter needs: the <see cref="SqlDbType"/> and its length, precision and scale.
/// </summary>
public sealed record SqlColumnType(string Text, SqlDbType DbType, int MaxLength, byte Precision, byte Scale)
{
    /// <summary>-1: the (max) length of SqlMetaData and SqlParameter.</summary>
    public const int Max = -1;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SqlColumnType> Parsed = new(StringComparer.Ordinal);

    /// <summary>The type spelled <paramref name="text"/>; parsed once per spelling (it is on the applier's hot path).</summary>
    public static SqlColumnType Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parsed.GetOrAdd(text, ParseText);
    }

    private static SqlColumnType ParseText(string text)
    {
        if (PostgresSpelling(text) is { } postgres)
        {
            return postgres;
        }

        var open = text.IndexOf('(', StringComparison.Ordinal);
        var name = open < 0 ? text : text[..open];
        var arguments = open < 0 ? [] : text[(open + 1)..^1].Split(',');
        int Length() => arguments[0] == "max" ? Max : int.Parse(arguments[0], CultureInfo.InvariantCulture);
        return name switch
        {
            "bit" => new(text, SqlDbType.Bit, 0, 0, 0),
            "tinyint" => new(text, SqlDbType.TinyInt, 0, 0, 0),
            "smallint" => new(text, SqlDbType.SmallInt, 0, 0, 0),
            "int" => new(text, SqlDbType.Int, 0, 0, 0),
            "bigint" => new(text, SqlDbType.BigInt, 0, 0, 0),
            "real" => new(text, SqlDbType.Real, 0, 0, 0),
            "float" => new(text, SqlDbType.Float, 0, 0, 0),
            "nvarchar" => new(text, SqlDbType.NVarChar, Length(), 0, 0),
            "nchar" => new(text, SqlDbType.NChar, Length(), 0, 0),
            "varchar" => new(text, SqlDbType.VarChar, Length(), 0, 0),
            "char" => new(text, SqlDbType.Char, Length(), 0, 0),
            "varbinary" => new(text, SqlDbType.VarBinary, Length(), 0, 0),
            "binary" => new(text, SqlDbType.Binary, Length(), 0, 0),
            "datetime2" => new(text, SqlDbType.DateTime2, 0, 0, byte.Parse(arguments[0], CultureInfo.InvariantCulture)),
            "decimal" => new(text, SqlDbType.Decimal, 0, byte.Parse(arguments[0], CultureInfo.InvariantCulture), byte.Parse(arguments[1], CultureInfo.InvariantCulture)),
            "uniqueidentifier" => new(text, SqlDbType.UniqueIdentifier, 0, 0, 0),
            _ => throw new ArgumentException($"'{text}' is not a column type the connector generates", nameof(text)),
        };
    }

    /// <summary>
    /// A PostgreSQL SQL-first column's type as <c>format_type</c> spells it (Postgres/PgSqlFirstMapper), as the SQL Server
    /// type the applier's value conversion treats alike: the values Realm sends are checked and converted the same way;
    /// PostgreSQL's own statements (Postgres/PgTypes) then write them. null: not a PostgreSQL spelling.
    /// </summary>
    private static SqlColumnType? PostgresSpelling(string text)
    {
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.IndexOf(')', StringComparison.Ordinal);
        var name = open < 0 ? text : text[..open] + text[(close + 1)..];
        var arguments = open < 0 ? [] : text[(open + 1)..close].Split(',');
        byte Argument(int i, byte otherwise) =>
            arguments.Length > i ? (byte)Math.Min(38, int.Parse(arguments[i], CultureInfo.InvariantCulture)) : otherwise;
        return name switch
        {
            "boolean" => new(text, SqlDbType.Bit, 0, 0, 0),
            "integer" => new(text, SqlDbType.Int, 0, 0, 0),
            "double precision" => new(text, SqlDbType.Float, 0, 0, 0),
            "text" => new(text, SqlDbType.NVarChar, Max, 0, 0),
            "character varying" => new(text, SqlDbType.NVarChar, arguments.Length == 0 ? Max : int.Parse(arguments[0], CultureInfo.InvariantCulture), 0, 0),
            "character" => new(text, SqlDbType.NChar, int.Parse(arguments[0], CultureInfo.InvariantCulture), 0, 0),
            "bytea" => new(text, SqlDbType.VarBinary, Max, 0, 0),
            "uuid" => new(text, SqlDbType.UniqueIdentifier, 0, 0, 0),
            "date" or "timestamp without time zone" or "timestamp with time zone" => new(text, SqlDbType.DateTime2, 0, 0, Argument(0, 6)),
            // numeric holds more digits than decimal(38): Realm's decimal128 has 34, so 38 loses nothing Realm can send.
            "numeric" => new(text, SqlDbType.Decimal, 0, Argument(0, 38), Argument(1, 18)),
            _ => null,
        };
    }
}
