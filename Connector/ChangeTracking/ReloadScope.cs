using Connector.SchemaGeneration;

namespace Connector.ChangeTracking;

/// <summary>
/// Which classes a pass re-sends whole (CLEAR, then every object and collection) given the tables that cannot
/// be read incrementally. A class goes whole with any of its tables; and because CLEAR in Realm also drops every
/// link to the cleared objects, every class linking to a re-sent class goes whole too, transitively.
/// </summary>
public static class ReloadScope
{
    public static HashSet<string> Classes(SchemaMapping mapping, IReadOnlySet<string> tablesBehind)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(tablesBehind);
        var whole = Owning(mapping, tablesBehind);
        bool added;
        do
        {
            added = false;
            foreach (var mapped in mapping.Classes.Where(c => !whole.Contains(c.Class.Name)))
            {
                if (mapped.Properties.Any(p => p.Property.IsLink && p.Property.ObjectType is { } target && whole.Contains(target)))
                {
                    whole.Add(mapped.Class.Name);
                    added = true;
                }
            }
        }
        while (added);

        return whole;
    }

    /// <summary>The classes that own one of <paramref name="tables"/>: as their table, or as a child table of a collection.</summary>
    public static HashSet<string> Owning(SchemaMapping mapping, IReadOnlySet<string> tables)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(tables);
        return mapping.Classes
            .Where(c => tables.Contains(c.Table) || c.Properties.Any(p => p.ChildTable is { } child && tables.Contains(child)))
            .Select(c => c.Class.Name)
            .ToHashSet(StringComparer.Ordinal);
    }
}
