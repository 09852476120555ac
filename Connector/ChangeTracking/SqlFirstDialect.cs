using System.Collections.Immutable;
using Connector.Adapter;
using Connector.RealmSchema;
using Connector.SchemaGeneration;

namespace Connector.ChangeTracking;

/// <summary>
/// What differs between databases in mapping an existing table to a Realm class (DESIGN.md section 6, SQL-first):
/// how a name is quoted in messages, which Realm type a column type becomes, how its type is written in the mapping
/// and in messages, and what else keeps a key column from keying a Realm class. <see cref="Map"/> is the shared rest:
/// the table's single-column primary key becomes the class's primary key; a table Realm cannot key is refused with
/// the reason; a column of a type Realm has no equivalent for is left out with the reason. Pure.
/// </summary>
/// <param name="Quote">One identifier as the database quotes it (<c>[Orders]</c>, <c>"Orders"</c>).</param>
/// <param name="RealmType">The Realm type of a column, or null when Realm has none.</param>
/// <param name="Declared">The column's type as DDL spells it, recorded in the mapping (<c>nvarchar(50)</c>, <c>character varying(50)</c>).</param>
/// <param name="Described">The column's type in a message (the declared type, and what it is made from).</param>
/// <param name="KeyProblem">Why a key column of a type Realm can key still cannot, beginning with the given description; null when it can.</param>
public sealed record SqlFirstDialect(
    Func<string, string> Quote,
    Func<ColumnMetadata, RealmPropertyType?> RealmType,
    Func<ColumnMetadata, string> Declared,
    Func<ColumnMetadata, string> Described,
    Func<ColumnMetadata, string, string?> KeyProblem)
{
    private static readonly RealmPropertyType[] KeyTypes = [RealmPropertyType.Int, RealmPropertyType.String, RealmPropertyType.ObjectId, RealmPropertyType.Uuid];

    /// <summary>A table as the database quotes it: <c>[dbo].[Orders]</c>, <c>"public"."Orders"</c>.</summary>
    public string Name(string schema, string table) => Quote(schema) + "." + Quote(table);

    public SqlFirstResult Map(TableMetadata table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var name = Name(table.Schema, table.Name);
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
            if (RealmType(column) is not { } type)
            {
                skipped.Add($"column {Quote(column.Name)} of {name}: Realm has no type for {Described(column)}");
                continue;
            }

            var isKey = column.Name == keyName;
            if (isKey && KeyRefusal(column, type, $"table {name} has primary key {Quote(column.Name)} of type {Described(column)}") is { } problem)
            {
                return Refused(problem, skipped);
            }

            var sqlType = Declared(column);
            var property = new RealmProperty(column.Name, type, Optional: column.Nullable && !isKey, Indexed: isKey);
            properties.Add(new PropertyMapping(property, column.Name, null, sqlType, null));
            columns.Add(new SqlColumnDefinition(column.Name, sqlType, column.Nullable));
        }

        if (!properties.Any(p => p.Column == keyName))
        {
            return Refused($"table {name} has primary key {Quote(keyName)} of a type Realm cannot hold", skipped);
        }

        var realmClass = new RealmClass(table.Name, [.. properties.Select(p => p.Property)], keyName);
        var keyType = properties.First(p => p.Column == keyName).SqlType!;
        var mapping = new ClassMapping(realmClass, table.Name, keyName, keyType, properties.ToImmutable(), null);
        var definition = new SqlTableDefinition(table.Schema, table.Name, TableRole.Class, columns.ToImmutable(), [keyName], true, []);
        var addType = new AddTypeInstruction(realmClass.Name, realmClass.Properties, keyName);
        return new SqlFirstResult(mapping, definition, addType, null, skipped.ToImmutable());
    }

    private string? KeyRefusal(ColumnMetadata column, RealmPropertyType type, string described) => KeyTypes.Contains(type)
        ? KeyProblem(column, described)
        : $"{described} ({RealmTypeNames.Name(type)} in Realm); a Realm primary key is an int, string, objectId or uuid";

    private static SqlFirstResult Refused(string reason, ImmutableArray<string>.Builder? skipped = null) =>
        new(null, null, null, reason, skipped?.ToImmutable() ?? []);
}
