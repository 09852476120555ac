using System.Collections.Immutable;
using Connector.SchemaGeneration;

namespace Connector.ChangeTracking;

/// <summary>
/// The order in which a pass sends classes: a class after the classes its to-one links target, declaration order
/// breaking ties. Where links form a cycle, the first remaining class in declaration order goes next and its links
/// to classes not yet placed (and every self-link: a row may link to a later row) are deferred: the object is
/// inserted without them and a later SET adds them. Collections need no ordering: they are sent after every object.
/// </summary>
public sealed class ChangeOrder
{
    private readonly HashSet<(string Class, string Property)> deferred = [];

    public ChangeOrder(SchemaMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var remaining = mapping.Classes.ToList();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var order = ImmutableArray.CreateBuilder<ClassMapping>(remaining.Count);
        while (remaining.Count > 0)
        {
            var next = remaining.FindIndex(c => ToOneLinks(c).All(p => p.Property.ObjectType == c.Class.Name || placed.Contains(p.Property.ObjectType!)));
            var chosen = remaining[next < 0 ? 0 : next];
            foreach (var link in ToOneLinks(chosen).Where(p => p.Property.ObjectType == chosen.Class.Name || !placed.Contains(p.Property.ObjectType!)))
            {
                deferred.Add((chosen.Class.Name, link.Property.Name));
            }

            remaining.Remove(chosen);
            placed.Add(chosen.Class.Name);
            order.Add(chosen);
        }

        Classes = order.MoveToImmutable();
    }

    /// <summary>Targets first.</summary>
    public ImmutableArray<ClassMapping> Classes { get; }

    public bool IsDeferred(string className, string propertyName) => deferred.Contains((className, propertyName));

    private static IEnumerable<PropertyMapping> ToOneLinks(ClassMapping mapping) =>
        mapping.Properties.Where(p => p.Property.IsLink && !p.Property.IsCollection && p.Column is not null);
}
