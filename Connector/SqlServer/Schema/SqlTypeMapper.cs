using Connector.RealmSchema;

namespace Connector.SqlServer.Schema;

/// <summary>The default type mapping of DESIGN.md section 4 (links excepted: they take their target's key type).</summary>
public static class SqlTypeMapper
{
    /// <summary>A string that is a key or indexed: 900 bytes, SQL Server's clustered index key limit.</summary>
    public const string KeyString = "nvarchar(450)";

    /// <summary>A dictionary key: with a 900-byte owner key it stays within the 1,700-byte index key limit.</summary>
    public const string DictionaryKey = "nvarchar(400)";

    /// <summary>The key of an object without a Realm primary key (the Adapter's opaque identity).</summary>
    public const string ObjectIdentity = "nvarchar(64)";

    public static string Map(RealmPropertyType type, bool keyOrIndexed) => type switch
    {
        RealmPropertyType.Bool => "bit",
        RealmPropertyType.Int => "bigint",
        RealmPropertyType.Float => "real",
        RealmPropertyType.Double => "float",
        RealmPropertyType.String => keyOrIndexed ? KeyString : "nvarchar(max)",
        RealmPropertyType.Data => "varbinary(max)",
        RealmPropertyType.Date => "datetime2(7)",
        RealmPropertyType.Decimal128 => "decimal(38,18)",
        RealmPropertyType.ObjectId => "binary(12)",
        RealmPropertyType.Uuid => "uniqueidentifier",
        RealmPropertyType.Mixed => "nvarchar(max)",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "links and linkingObjects have no type of their own"),
    };

    /// <summary>
    /// Realm compares strings by their bytes, SQL Server's default collation case-insensitively: "abc" and "ABC"
    /// are two Realm keys but one SQL key. Every bounded string column the connector declares (keys, links,
    /// dictionary keys, indexed strings) is therefore binary-collated, in tables, table types and table variables
    /// alike (mixing collations in a comparison is an error). SQL Server still ignores trailing spaces.
    /// </summary>
    public const string KeyCollation = "Latin1_General_100_BIN2";

    /// <summary>The type as declared in a column definition: with <see cref="KeyCollation"/> for a bounded nvarchar.</summary>
    public static string Declare(string sqlType) =>
        sqlType.StartsWith("nvarchar(", StringComparison.Ordinal) && Indexable(sqlType) ? sqlType + " COLLATE " + KeyCollation : sqlType;

    /// <summary>Whether SQL Server can index a column of this type (no (max) types).</summary>
    public static bool Indexable(string sqlType) => !sqlType.EndsWith("(max)", StringComparison.Ordinal);

    /// <summary>The most bytes a value of <paramref name="sqlType"/> takes in an index key.</summary>
    public static int KeyBytes(string sqlType) => sqlType switch
    {
        "bit" => 1,
        "int" => 4,
        "real" => 4,
        "bigint" or "float" => 8,
        "datetime2(7)" => 8,
        "binary(12)" => 12,
        "uniqueidentifier" => 16,
        "decimal(38,18)" => 17,
        _ when sqlType.StartsWith("nvarchar(", StringComparison.Ordinal) && Indexable(sqlType) =>
            2 * int.Parse(sqlType.AsSpan(9, sqlType.Length - 10), System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(sqlType), sqlType, "not an index key type"),
    };
}
