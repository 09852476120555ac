using System.Collections.Immutable;
using Connector.Adapter;
using Connector.RealmSchema;

namespace Connector.Tests.Model;

/// <summary>
/// Realm's implicit reference maintenance, which no instruction states (ADAPTER-PROTOCOL.md section 2): when objects
/// of a class are deleted, every reference to them goes (a to-one link becomes null, a list or set element is removed
/// and later positions move up, a dictionary value becomes null); when they change identity, every reference moves.
/// </summary>
internal static class ModelReferences
{
    /// <summary>
    /// Rewrites every reference to objects of <paramref name="targetClass"/> named in <paramref name="moves"/>: to the
    /// new identity, or, where the new identity is null, away (the object was deleted).
    /// </summary>
    public static void Rewrite(ModelState state, string targetClass, IReadOnlyDictionary<RealmValue, RealmValue?> moves, MixedLinks mixedLinks)
    {
        foreach (var (className, objects) in state.Objects)
        {
            var properties = state.Classes[className].Properties
                .Where(p => (p.Type == RealmPropertyType.Object && p.ObjectType == targetClass) ||
                            (p.Type == RealmPropertyType.Mixed && mixedLinks == MixedLinks.Follow))
                .ToList();
            foreach (var values in properties.Count == 0 ? Enumerable.Empty<Dictionary<string, RealmValue>>() : objects.Values)
            {
                foreach (var property in properties)
                {
                    if (values.TryGetValue(property.Name, out var value))
                    {
                        values[property.Name] = property.Type == RealmPropertyType.Mixed
                            ? Mixed(value, property.Collection, targetClass, moves)
                            : Link(value, property.Collection, moves);
                    }
                }
            }
        }
    }

    private static RealmValue Link(RealmValue value, CollectionKind collection, IReadOnlyDictionary<RealmValue, RealmValue?> moves)
    {
        RealmValue? Moved(RealmValue identity) => moves.TryGetValue(identity, out var to) ? to : identity;
        return (collection, value) switch
        {
            (CollectionKind.None, _) => Moved(value) ?? RealmValue.Null,
            (CollectionKind.Dictionary, DictionaryValue dictionary) => new DictionaryValue(
                [.. dictionary.Entries.Select(e => KeyValuePair.Create(e.Key, e.Value is NullValue ? e.Value : Moved(e.Value) ?? RealmValue.Null))]),
            (_, ListValue list) => new ListValue([.. list.Items.Select(Moved).OfType<RealmValue>()]),
            _ => value,
        };
    }

    /// <summary>A mixed value (or collection of mixed) with its links to <paramref name="targetClass"/> rewritten at any depth.</summary>
    private static RealmValue Mixed(RealmValue value, CollectionKind collection, string targetClass, IReadOnlyDictionary<RealmValue, RealmValue?> moves)
    {
        RealmValue? Element(RealmValue item, bool removable) => item switch
        {
            LinkValue link when link.ClassName == targetClass && moves.TryGetValue(link.Identity, out var to) =>
                to is null ? (removable ? null : RealmValue.Null) : new LinkValue(targetClass, to),
            ListValue { InMixed: true } nested => (ListValue)Mixed(nested, CollectionKind.List, targetClass, moves) with { InMixed = true },
            DictionaryValue { InMixed: true } nested => (DictionaryValue)Mixed(nested, CollectionKind.Dictionary, targetClass, moves) with { InMixed = true },
            _ => item,
        };

        // Realm core removes a deleted target from a set of mixed, and nulls it in a list of mixed and in a dictionary.
        return (collection, value) switch
        {
            (CollectionKind.Set, ListValue set) => new ListValue([.. set.Items.Select(i => Element(i, true)).OfType<RealmValue>()]),
            (CollectionKind.List, ListValue list) => new ListValue([.. list.Items.Select(i => Element(i, false)!)]),
            (CollectionKind.Dictionary, DictionaryValue dictionary) => new DictionaryValue(
                [.. dictionary.Entries.Select(e => KeyValuePair.Create(e.Key, Element(e.Value, false)!))]),
            _ => Element(value, false)!,
        };
    }

    /// <summary>The embedded objects <paramref name="values"/> owns: the targets of its links to embedded classes.</summary>
    public static IEnumerable<(string Class, RealmValue Identity)> Embedded(ModelState state, RealmClass owner, Dictionary<string, RealmValue> values)
    {
        foreach (var property in owner.Properties)
        {
            if (property is not { Type: RealmPropertyType.Object, ObjectType: { } target } ||
                !state.Classes.TryGetValue(target, out var targetClass) || targetClass.Kind != ClassKind.Embedded || !values.TryGetValue(property.Name, out var value))
            {
                continue;
            }

            IEnumerable<RealmValue> identities = value switch
            {
                ListValue list => list.Items,
                DictionaryValue dictionary => dictionary.Entries.Select(e => e.Value),
                _ => [value],
            };
            foreach (var identity in identities.Where(i => i is not NullValue))
            {
                yield return (target, identity);
            }
        }
    }
}
