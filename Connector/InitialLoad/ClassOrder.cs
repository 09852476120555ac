using System.Collections.Immutable;
using Connector.RealmSchema;

namespace Connector.InitialLoad;

/// <summary>
/// The order in which an initial load declares and fills classes: a class after the classes its links target,
/// declaration order breaking ties. Cycles are legal in Realm (and harmless here, since every ADD_TYPE precedes
/// any data): when no remaining class has all its targets placed, the first remaining class in declaration order
/// goes next.
/// </summary>
public static class ClassOrder
{
    public static ImmutableArray<RealmClass> Sort(RealmSchemaModel schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var remaining = schema.Classes.ToList();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var known = schema.Classes.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var order = ImmutableArray.CreateBuilder<RealmClass>(remaining.Count);
        while (remaining.Count > 0)
        {
            var next = remaining.FindIndex(c => Targets(c).All(t => t == c.Name || placed.Contains(t) || !known.Contains(t)));
            var chosen = remaining[next < 0 ? 0 : next];
            remaining.Remove(chosen);
            placed.Add(chosen.Name);
            order.Add(chosen);
        }

        return order.MoveToImmutable();
    }

    private static IEnumerable<string> Targets(RealmClass realmClass) =>
        realmClass.Properties.Where(p => p.IsLink && p.ObjectType is not null).Select(p => p.ObjectType!);
}
