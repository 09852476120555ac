using System.Collections.Immutable;
using Connector.RealmSchema;
using Connector.SqlServer.Schema;

namespace Connector.SchemaGeneration;

/// <summary>
/// Maps a Realm schema to SQL tables by DESIGN.md section 4. Pure and deterministic: the same schema, SQL
/// schema and Realm path give the same mapping. Class tables claim their names first, in declaration
/// order, then collection tables, so that a class named <c>A__b</c> keeps its name beside list <c>A.b</c>.
/// </summary>
public static class SchemaMapper
{
    /// <summary>The key column of a class without a Realm primary key.</summary>
    public const string ObjectIdColumn = "_realm_object_id";

    public const string OwnerColumn = "_owner";
    public const string PositionColumn = "_position";
    public const string KeyColumn = "_key";
    public const string ValueColumn = "_value";
    public const string TargetColumn = "_target";

    /// <summary>
    /// The partition column of a partitioned mapping: the RealmId (realmsync.MappedRealm) of the Realm a row belongs to,
    /// leading every generated table's key.
    /// </summary>
    public const string RealmColumn = "_realm_id";

    /// <summary>The suffix of the schema of a partitioned mapping's per-Realm views (<see cref="SchemaMapping.ScopeSchema"/>).</summary>
    public const string ScopeSchemaSuffix = "_realm";

    private const int ClusteredKeyLimit = 900;

    /// <summary>
    /// Maps <paramref name="schema"/>; with <paramref name="previous"/> (the mapping in force), every class and
    /// property already mapped keeps its SQL names, and only what is new claims names around them, so that a
    /// schema change never renames a table or column that holds data.
    /// </summary>
    /// <param name="provider">The database the names are for; by default that of <paramref name="previous"/>, else SQL Server.</param>
    /// <param name="pathPattern">A partitioned mapping's Realm path pattern (then <paramref name="realmPath"/> is the pattern); by default that of <paramref name="previous"/>.</param>
    public static SchemaMapping Map(
        RealmSchemaModel schema, string realmPath, string sqlSchema, SchemaMapping? previous = null, Configuration.DatabaseProvider? provider = null,
        string? pathPattern = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var served = provider ?? previous?.Provider ?? Configuration.DatabaseProvider.SqlServer;
        var partition = pathPattern ?? previous?.PathPattern;
        var limit = partition is null ? NameLimit.For(served) : NameLimit.For(served).Partitioned();
        var pinned = new PinnedNames(previous);
        var tableNames = new NameScope(limit, pinned.Tables);
        var classTables = schema.Classes.ToDictionary(
            c => c.Name,
            c => pinned.Class(c.Name) is { } kept ? (Name: kept.Table, Why: kept.NameResolution) : (Name: tableNames.Claim(c.Name, out var why), Why: why),
            StringComparer.Ordinal);
        var keyTypes = schema.Classes.ToDictionary(c => c.Name, KeySqlType, StringComparer.Ordinal);

        var classes = ImmutableArray.CreateBuilder<ClassMapping>(schema.Classes.Length);
        var tables = ImmutableArray.CreateBuilder<SqlTableDefinition>();
        var childTables = new List<SqlTableDefinition>();
        foreach (var realmClass in schema.Classes)
        {
            var (table, why) = classTables[realmClass.Name];
            var mapping = MapClass(realmClass, table, why, keyTypes, tableNames, pinned, sqlSchema, childTables, limit, out var classTable);
            classes.Add(mapping);
            tables.Add(classTable);
        }

        tables.AddRange(childTables);
        return new SchemaMapping(realmPath, sqlSchema, classes.ToImmutable(), tables.ToImmutable()) { Provider = served, PathPattern = partition };
    }

    private static ClassMapping MapClass(
        RealmClass realmClass,
        string table,
        string? tableResolution,
        Dictionary<string, string> keyTypes,
        NameScope tableNames,
        PinnedNames pinned,
        string sqlSchema,
        List<SqlTableDefinition> childTables,
        NameLimit limit,
        out SqlTableDefinition classTable)
    {
        var kept = pinned.Class(realmClass.Name);
        var columnNames = new NameScope(limit, pinned.Columns(kept), columns: true);
        var indexNames = new NameScope(limit, pinned.Indexes(kept));
        var keyType = keyTypes[realmClass.Name];
        var columns = new List<SqlColumnDefinition>();
        var indexes = new List<SqlIndexDefinition>();
        var properties = ImmutableArray.CreateBuilder<PropertyMapping>(realmClass.Properties.Length);

        string keyColumn;
        if (realmClass.PrimaryKeyProperty is null)
        {
            keyColumn = kept?.KeyColumn ?? columnNames.Claim(ObjectIdColumn, out _);
            columns.Add(new SqlColumnDefinition(keyColumn, keyType, Nullable: false));
        }
        else
        {
            var keptKey = PinnedNames.Property(kept, realmClass.PrimaryKeyProperty.Name);
            var why = keptKey?.NameResolution;
            keyColumn = keptKey?.Column ?? columnNames.Claim(realmClass.PrimaryKeyProperty.Name, out why);
            columns.Add(new SqlColumnDefinition(keyColumn, keyType, Nullable: false));
            properties.Add(new PropertyMapping(realmClass.PrimaryKeyProperty, keyColumn, null, keyType, why));
        }

        foreach (var property in realmClass.Properties)
        {
            if (property.Name == realmClass.PrimaryKey)
            {
                continue;
            }

            if (property.Type == RealmPropertyType.LinkingObjects)
            {
                properties.Add(new PropertyMapping(property, null, null, null, null));
            }
            else if (property.IsCollection)
            {
                var keptChild = PinnedNames.Property(kept, property.Name);
                var child = MapCollection(realmClass, property, keyType, keyTypes, tableNames, keptChild, sqlSchema, out var why);
                childTables.Add(child);
                properties.Add(new PropertyMapping(property, null, child.Name, ElementSqlType(property, keyTypes), why));
            }
            else
            {
                var keptColumn = PinnedNames.Property(kept, property.Name);
                var why = keptColumn?.NameResolution;
                var column = keptColumn?.Column ?? columnNames.Claim(property.Name, out why);
                var sqlType = ElementSqlType(property, keyTypes);
                columns.Add(new SqlColumnDefinition(column, sqlType, Nullable: property.IsNullable || property.Type == RealmPropertyType.Mixed));
                if ((property.IsLink || property.Indexed) && SqlTypeMapper.Indexable(sqlType))
                {
                    var index = pinned.Index(kept, column) ?? indexNames.Claim("IX_" + column, out _);
                    indexes.Add(new SqlIndexDefinition(index, [column], Clustered: false));
                }

                properties.Add(new PropertyMapping(property, column, null, sqlType, why));
            }
        }

        classTable = new SqlTableDefinition(sqlSchema, table, TableRole.Class, [.. columns], [keyColumn], true, [.. indexes]);
        return new ClassMapping(realmClass, table, keyColumn, keyType, properties.ToImmutable(), tableResolution);
    }

    private static SqlTableDefinition MapCollection(
        RealmClass owner,
        RealmProperty property,
        string ownerKeyType,
        Dictionary<string, string> keyTypes,
        NameScope tableNames,
        PropertyMapping? kept,
        string sqlSchema,
        out string? resolution)
    {
        resolution = kept?.NameResolution;
        var name = kept?.ChildTable ?? tableNames.Claim(owner.Name + "__" + property.Name, out resolution);
        var role = property.Collection switch
        {
            CollectionKind.List when property.IsLink => TableRole.LinkList,
            CollectionKind.List => TableRole.List,
            CollectionKind.Set => TableRole.Set,
            _ => TableRole.Dictionary,
        };
        var elementType = ElementSqlType(property, keyTypes);
        var elementColumn = property.IsLink ? TargetColumn : ValueColumn;
        // A list of objects holds no nulls (a deleted target leaves the list); a dictionary of objects can.
        var elementNullable = role != TableRole.LinkList &&
            (property.Optional || property.Type == RealmPropertyType.Mixed || (property.IsLink && role == TableRole.Dictionary));
        var second = role == TableRole.Dictionary
            ? new SqlColumnDefinition(KeyColumn, SqlTypeMapper.DictionaryKey, false)
            : new SqlColumnDefinition(PositionColumn, "int", false);
        ImmutableArray<SqlColumnDefinition> columns =
        [
            new(OwnerColumn, ownerKeyType, false),
            second,
            new(elementColumn, elementType, elementNullable),
        ];

        var clustered = SqlTypeMapper.KeyBytes(ownerKeyType) + SqlTypeMapper.KeyBytes(second.SqlType) <= ClusteredKeyLimit;
        var indexes = ImmutableArray.CreateBuilder<SqlIndexDefinition>();
        if (!clustered)
        {
            indexes.Add(new SqlIndexDefinition("CX" + OwnerColumn, [OwnerColumn], Clustered: true));
        }

        if (property.IsLink && SqlTypeMapper.Indexable(elementType))
        {
            indexes.Add(new SqlIndexDefinition("IX" + elementColumn, [elementColumn], Clustered: false));
        }

        return new SqlTableDefinition(sqlSchema, name, role, columns, [OwnerColumn, second.Name], clustered, indexes.ToImmutable());
    }

    private static string ElementSqlType(RealmProperty property, Dictionary<string, string> keyTypes) =>
        property.IsLink ? keyTypes[property.ObjectType!] : SqlTypeMapper.Map(property.Type, property.Indexed);

    private static string KeySqlType(RealmClass realmClass) =>
        realmClass.PrimaryKeyProperty is { } key ? SqlTypeMapper.Map(key.Type, keyOrIndexed: true) : SqlTypeMapper.ObjectIdentity;
}
