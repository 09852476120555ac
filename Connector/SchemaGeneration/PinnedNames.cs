namespace Connector.SchemaGeneration;

/// <summary>The SQL names of a mapping in force, which a new mapping of a grown schema keeps.</summary>
public sealed class PinnedNames(SchemaMapping? previous)
{
    private readonly Dictionary<string, ClassMapping> _classes =
        previous?.Classes.ToDictionary(c => c.Class.Name, StringComparer.Ordinal) ?? new(StringComparer.Ordinal);

    private readonly Dictionary<string, SqlTableDefinition> _tables =
        previous?.Tables.ToDictionary(t => t.Name, StringComparer.Ordinal) ?? new(StringComparer.Ordinal);

    public IEnumerable<string> Tables => _tables.Keys;

    public ClassMapping? Class(string className) => _classes.GetValueOrDefault(className);

    public IEnumerable<string> Columns(ClassMapping? kept) =>
        kept is null ? [] : _tables[kept.Table].Columns.Select(c => c.Name);

    public IEnumerable<string> Indexes(ClassMapping? kept) =>
        kept is null ? [] : _tables[kept.Table].Indexes.Select(i => i.Name);

    public static PropertyMapping? Property(ClassMapping? kept, string propertyName) =>
        kept?.Properties.FirstOrDefault(p => p.Property.Name == propertyName);

    public string? Index(ClassMapping? kept, string column) =>
        kept is null ? null : _tables[kept.Table].Indexes.FirstOrDefault(i => i.Columns is [var only] && only == column)?.Name;
}
