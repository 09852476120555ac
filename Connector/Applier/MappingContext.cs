using Connector.Adapter;
using Connector.RealmSchema;
using Connector.SchemaGeneration;
using Connector.SqlServer.Schema;

namespace Connector.Applier;

/// <summary>A mapping in force with the lookups the planner needs: classes by Realm name, tables by SQL name, routines.</summary>
public sealed class MappingContext
{
    private readonly Dictionary<string, ClassMapping> _classes;
    private readonly Dictionary<string, SqlTableDefinition> _tables;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SchemaMapping, MappingContext> Cache = new();

    private readonly Dictionary<string, ClassShape> _shapes;

    private readonly Dictionary<string, string> _collectionByProcedure;

    /// <summary>The context of <paramref name="mapping"/>, built once per mapping instance (transactions share the mapping in force).</summary>
    public static MappingContext For(SchemaMapping mapping) => Cache.GetValue(mapping, m => new MappingContext(m));

    public MappingContext(SchemaMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        Mapping = mapping;
        Schema = new RealmSchemaModel([.. mapping.Classes.Select(c => c.Class)]);
        Objects = ApplierObjects.Name(mapping);
        _classes = mapping.Classes.ToDictionary(c => c.Class.Name, StringComparer.Ordinal);
        _tables = mapping.Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        _shapes = mapping.Classes.ToDictionary(
            c => c.Class.Name, c => new ClassShape(c, _tables[c.Table], Objects.Classes[c.Table]), StringComparer.Ordinal);
        _collectionByProcedure = Objects.Collections.Values
            .SelectMany(r => new[] { r.Replace, r.ListInsert, r.ListSet, r.ListErase, r.ListClear }.OfType<string>().Select(p => (Procedure: p, r.Table)))
            .ToDictionary(x => x.Procedure, x => x.Table, StringComparer.Ordinal);
    }

    /// <summary>The database the plan is for: how values are converted and keys compared.</summary>
    public Configuration.DatabaseProvider Provider => Mapping.Provider;

    public KeyComparer Keys => KeyComparer.For(Mapping.Provider);

    public ClassShape Shape(ClassMapping mapped) => _shapes[mapped!.Class.Name];

    public SchemaMapping Mapping { get; }

    public RealmSchemaModel Schema { get; }

    public ApplierObjects Objects { get; }

    public ClassMapping? FindClass(string className) => _classes.GetValueOrDefault(className);

    public ClassMapping Class(string className, string jsonPath) =>
        FindClass(className) ?? throw new AdapterFormatException(
            $"class '{className}' is not in the mapped schema; send its ADD_TYPE first (the original Adapter dropped such instructions silently, this connector quarantines them)",
            jsonPath);

    public SqlTableDefinition Table(string tableName) => _tables[tableName];

    /// <summary>The child table a collection procedure (a replace or a LIST_* routine) writes.</summary>
    public SqlTableDefinition CollectionTable(string procedure) => _tables[_collectionByProcedure[procedure]];

    /// <summary>The property of <paramref name="mapped"/> whose collection <paramref name="procedure"/> writes.</summary>
    public PropertyMapping CollectionProperty(ClassMapping mapped, string procedure)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        var table = _collectionByProcedure[procedure];
        return mapped.Properties.First(p => p.ChildTable == table);
    }

    public static PropertyMapping Property(ClassMapping mapped, string propertyName, string jsonPath)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        return mapped.Properties.FirstOrDefault(p => p.Property.Name == propertyName)
            ?? throw new AdapterFormatException($"class '{mapped.Class.Name}' has no property '{propertyName}'", jsonPath);
    }
}
