using Connector.Adapter;
using Connector.RealmSchema;
using Connector.SchemaGeneration;

namespace Connector.Applier;

/// <summary>A mapping in force with the lookups the planner needs: classes by Realm name, tables by SQL name, routines.</summary>
public sealed class MappingContext
{
    private readonly Dictionary<string, ClassMapping> _classes;
    private readonly Dictionary<string, SqlTableDefinition> _tables;

    public MappingContext(SchemaMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        Mapping = mapping;
        Schema = new RealmSchemaModel([.. mapping.Classes.Select(c => c.Class)]);
        Objects = ApplierObjects.Name(mapping);
        _classes = mapping.Classes.ToDictionary(c => c.Class.Name, StringComparer.Ordinal);
        _tables = mapping.Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    public SchemaMapping Mapping { get; }

    public RealmSchemaModel Schema { get; }

    public ApplierObjects Objects { get; }

    public ClassMapping? FindClass(string className) => _classes.GetValueOrDefault(className);

    public ClassMapping Class(string className, string jsonPath) =>
        FindClass(className) ?? throw new AdapterFormatException(
            $"class '{className}' is not in the mapped schema; send its ADD_TYPE first (the original Adapter dropped such instructions silently, this connector quarantines them)",
            jsonPath);

    public SqlTableDefinition Table(string tableName) => _tables[tableName];

    public static PropertyMapping Property(ClassMapping mapped, string propertyName, string jsonPath)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        return mapped.Properties.FirstOrDefault(p => p.Property.Name == propertyName)
            ?? throw new AdapterFormatException($"class '{mapped.Class.Name}' has no property '{propertyName}'", jsonPath);
    }
}
