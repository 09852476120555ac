using System.Collections.Immutable;
using System.Globalization;
using Connector.Adapter;
using Connector.ChangeTracking;
using Connector.RealmSchema;
using Connector.SchemaGeneration;

namespace Connector.SqlServer.ChangeTracking;

/// <summary>
/// Maps an existing table to a Realm class (DESIGN.md section 6, SQL-first): the reverse of the section 4 type
/// mapping. The table's single-column primary key becomes the class's primary key; a table Realm cannot key
/// (no primary key, a composite one, or a key type Realm refuses) is refused with the reason; a column of a type
/// Realm has no equivalent for is left out with the reason. Pure: the metadata comes from <see cref="TableMetadataReader"/>.
/// </summary>
public static class SqlFirstMapper
{
    private static readonly RealmPropertyType[] KeyTypes = [RealmPropertyType.Int, RealmPropertyType.String, RealmPropertyType.ObjectId, RealmPropertyType.Uuid];

    /// <param name="binaryTwelveAsObjectId">Read <c>binary(12)</c> as objectId rather than data.</param>
    public static SqlFirstResult Map(TableMetadata table, bool binaryTwelveAsObjectId = false)
    {
        ArgumentNullException.ThrowIfNull(table);
        var name = $"[{table.Schema}].[{table.Name}]";
        if (table.PrimaryKey.Length != 1)
        {
            return Refused(table.PrimaryKey.IsEmpty
                ? $"table {name} has no primary key; Realm needs one key column to identify objects (add a primary key, or a single-column key)"
                : $"table {name} has a primary key of {table.PrimaryKey.Length} columns ({string.Join(", ", table.PrimaryKey)}); Realm keys an object by one property");
        }

        var keyName = table.PrimaryKey[0];
        var properties = ImmutableArray.CreateBuilder<PropertyMapping>();
        var columns = ImmutableArray.CreateBuilder<SqlColumnDefinition>();
        var skipped = ImmutableArray.CreateBuilder<string>();
        foreach (var column in table.Columns)
        {
            var sqlType = Declared(column);
            var alias = column.AliasType is null ? string.Empty : $" (alias type {column.AliasType})";
            if (RealmType(column, binaryTwelveAsObjectId) is not { } type)
            {
                skipped.Add($"column [{column.Name}] of {name}: Realm has no type for {sqlType}{alias}");
                continue;
            }

            var isKey = column.Name == keyName;
            if (isKey && KeyProblem(column, type, $"table {name} has primary key [{column.Name}] of type {sqlType}{alias}") is { } problem)
            {
                return Refused(problem, skipped);
            }

            var property = new RealmProperty(column.Name, type, Optional: column.Nullable && !isKey, Indexed: isKey);
            properties.Add(new PropertyMapping(property, column.Name, null, sqlType, null));
            columns.Add(new SqlColumnDefinition(column.Name, sqlType, column.Nullable));
        }

        if (!properties.Any(p => p.Column == keyName))
        {
            return Refused($"table {name} has primary key [{keyName}] of a type Realm cannot hold", skipped);
        }

        var realmClass = new RealmClass(table.Name, [.. properties.Select(p => p.Property)], keyName);
        var keyType = properties.First(p => p.Column == keyName).SqlType!;
        var mapping = new ClassMapping(realmClass, table.Name, keyName, keyType, properties.ToImmutable(), null);
        var definition = new SqlTableDefinition(table.Schema, table.Name, TableRole.Class, columns.ToImmutable(), [keyName], true, []);
        var addType = new AddTypeInstruction(realmClass.Name, realmClass.Properties, keyName);
        return new SqlFirstResult(mapping, definition, addType, null, skipped.ToImmutable());
    }

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

    /// <summary>Why the primary-key column cannot key a Realm class, beginning with <paramref name="described"/>; null when it can.</summary>
    private static string? KeyProblem(ColumnMetadata column, RealmPropertyType type, string described)
    {
        if (!KeyTypes.Contains(type))
        {
            return $"{described} ({RealmTypeNames.Name(type)} in Realm); a Realm primary key is an int, string, objectId or uuid";
        }

        // char and varchar hold text in their collation's code page (nchar and nvarchar are Unicode): see PageKey.
        return column.OtherCodePage && column.TypeName.ToUpperInvariant() is "CHAR" or "VARCHAR"
            ? $"{described} in a collation whose code page is not that of the database's default collation: the poller pages through the table by this key " +
                "with a parameter of the key's type, which SQL Server receives in the database default's code page, so a key with characters outside it would be misread. " +
                "Give the key column a collation with the database default's code page, or make it nvarchar"
            : null;
    }

    private static SqlFirstResult Refused(string reason, ImmutableArray<string>.Builder? skipped = null) =>
        new(null, null, null, reason, skipped?.ToImmutable() ?? []);
}
