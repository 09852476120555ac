using Connector.RealmSchema;

namespace Connector.SchemaGeneration;

/// <summary>
/// A place that holds keys of a class: a to-one link column (<see cref="TableRole.Class"/>), or the element
/// column of a child table holding links. What deleting the target does depends on the role: a link column
/// or a dictionary value becomes null, a list or set element is removed and the positions closed up.
/// </summary>
public sealed record LinkReference(SqlTableDefinition Table, string Column)
{
    /// <summary>Every place in <paramref name="mapping"/> that holds keys of class <paramref name="targetClass"/>.</summary>
    public static IReadOnlyList<LinkReference> To(SchemaMapping mapping, string targetClass)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var tables = mapping.Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var references = new List<LinkReference>();
        foreach (var owner in mapping.Classes)
        {
            foreach (var property in owner.Properties)
            {
                if (property.Property.Type != RealmPropertyType.Object || property.Property.ObjectType != targetClass)
                {
                    continue;
                }

                references.Add(property.ChildTable is null
                    ? new LinkReference(tables[owner.Table], property.Column!)
                    : new LinkReference(tables[property.ChildTable], SchemaMapper.TargetColumn));
            }
        }

        return references;
    }
}
