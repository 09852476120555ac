using System.Globalization;
using Connector.ChangeTracking;
using Connector.RealmSchema;

namespace Connector.SqlServer.ChangeTracking;

/// <summary>
/// Maps an existing table to a Realm class (DESIGN.md section 6, SQL-first): the reverse of the section 4 type
/// mapping. The table's single-column primary key becomes the class's primary key; a table Realm cannot key
/// (no primary key, a composite one, or a key type Realm refuses) is refused with the reason; a column of a type
/// Realm has no equivalent for is left out with the reason. Pure: the metadata comes from <see cref="TableMetadataReader"/>.
/// </summary>
public static class SqlFirstMapper
{
    /// <param name="binaryTwelveAsObjectId">Read <c>binary(12)</c> as objectId rather than data.</param>
    public static SqlFirstResult Map(TableMetadata table, bool binaryTwelveAsObjectId = false) => Dialect(binaryTwelveAsObjectId).Map(table);

    /// <summary>SQL Server's part of <see cref="SqlFirstDialect"/>: bracketed names, sys.types names, alias types named in messages.</summary>
    public static SqlFirstDialect Dialect(bool binaryTwelveAsObjectId = false) => new(
        name => $"[{name}]",
        column => RealmType(column, binaryTwelveAsObjectId),
        Declared,
        column => Declared(column) + (column.AliasType is null ? string.Empty : $" (alias type {column.AliasType})"),
        KeyProblem);

    /// <summary>The Realm type of a column, or null when Realm has none.</summary>
    public static RealmPropertyType? RealmType(ColumnMetadata column, bool binaryTwelveAsObjectId = false)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.TypeName.ToUpperInvariant() switch
        {
            "BIT" => RealmPropertyType.Bool,
            "TINYINT" or "SMALLINT" or "INT" or "BIGINT" => RealmPropertyType.Int,
            "REAL" => RealmPropertyType.Float,
            "FLOAT" => RealmPropertyType.Double,
            "DECIMAL" or "NUMERIC" or "MONEY" or "SMALLMONEY" => RealmPropertyType.Decimal128,
            "CHAR" or "VARCHAR" or "NCHAR" or "NVARCHAR" or "TEXT" or "NTEXT" => RealmPropertyType.String,
            "BINARY" when binaryTwelveAsObjectId && column.MaxLength == 12 => RealmPropertyType.ObjectId,
            "BINARY" or "VARBINARY" or "IMAGE" => RealmPropertyType.Data,
            "DATE" or "DATETIME" or "DATETIME2" or "DATETIMEOFFSET" or "SMALLDATETIME" => RealmPropertyType.Date,
            "UNIQUEIDENTIFIER" => RealmPropertyType.Uuid,
            _ => null,
        };
    }

    /// <summary>The column's type as DDL spells it: <c>nvarchar(50)</c> (characters, not bytes), <c>decimal(10,2)</c>, <c>varbinary(max)</c>.</summary>
    public static string Declared(ColumnMetadata column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var type = column.TypeName.ToLowerInvariant();
        string Length(int divisor) => column.MaxLength == -1 ? "max" : (column.MaxLength / divisor).ToString(CultureInfo.InvariantCulture);
        return type switch
        {
            "nchar" or "nvarchar" => $"{type}({Length(2)})",
            "char" or "varchar" or "binary" or "varbinary" => $"{type}({Length(1)})",
            "decimal" or "numeric" => string.Create(CultureInfo.InvariantCulture, $"{type}({column.Precision},{column.Scale})"),
            "datetime2" or "datetimeoffset" => string.Create(CultureInfo.InvariantCulture, $"{type}({column.Scale})"),
            _ => type,
        };
    }

    /// <summary>Why a key column of a type Realm can key still cannot, beginning with <paramref name="described"/>; null when it can.</summary>
    private static string? KeyProblem(ColumnMetadata column, string described) =>
        // char and varchar hold text in their collation's code page (nchar and nvarchar are Unicode): see PageKey.
        column.OtherCodePage && column.TypeName.ToUpperInvariant() is "CHAR" or "VARCHAR"
            ? $"{described} in a collation whose code page is not that of the database's default collation: the poller pages through the table by this key " +
                "with a parameter of the key's type, which SQL Server receives in the database default's code page, so a key with characters outside it would be misread. " +
                "Give the key column a collation with the database default's code page, or make it nvarchar"
            : null;
}
