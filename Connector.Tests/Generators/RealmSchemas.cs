using System.Collections.Immutable;
using Connector.RealmSchema;
using CsCheck;

namespace Connector.Tests.Generators;

/// <summary>
/// Random Realm schemas that Realm accepts: every property type and collection kind, optional and required, classes
/// with and without (optional) int, string, objectId and uuid primary keys, embedded classes, linkingObjects, and
/// hostile names. Rolls are generated first and resolved into a schema by <see cref="Build"/>, so that CsCheck
/// shrinks the rolls and every shrunk case is still a valid schema.
/// </summary>
internal static class RealmSchemas
{
    private static readonly RealmPropertyType[] PrimaryKeyTypes =
        [RealmPropertyType.Int, RealmPropertyType.String, RealmPropertyType.ObjectId, RealmPropertyType.Uuid];

    private static readonly RealmPropertyType[] IndexableTypes =
        [RealmPropertyType.Bool, RealmPropertyType.Int, RealmPropertyType.String, RealmPropertyType.Date, RealmPropertyType.ObjectId, RealmPropertyType.Uuid];

    /// <summary>The rolls of one property: type (0-10 a primitive or mixed, 11 a link), collection, flags, target.</summary>
    private sealed record PropertyRoll(string Name, int Type, int Collection, bool Optional, bool Indexed, int Target);

    private sealed record ClassRoll(string Name, int Kind, int Key, PropertyRoll[] Properties);

    private static readonly Gen<PropertyRoll[]> PropertyRolls =
        RealmNames.Distinct(1, 7).SelectMany(names =>
            Gen.Select(Gen.Int[0, 11], Gen.Int[0, 3], Gen.Bool, Gen.Bool, Gen.Int[0, 7]).Array[names.Length]
                .Select(rolls => names.Select((n, i) => new PropertyRoll(n, rolls[i].Item1, rolls[i].Item2, rolls[i].Item3, rolls[i].Item4, rolls[i].Item5)).ToArray()));

    public static readonly Gen<RealmSchemaModel> Schema =
        RealmNames.Distinct(1, 5).SelectMany(names =>
            Gen.Select(Gen.Int[0, 3], Gen.Int[0, 8], PropertyRolls).Array[names.Length]
                .Select(rolls => Build(names.Select((n, i) => new ClassRoll(n, rolls[i].Item1, rolls[i].Item2, rolls[i].Item3)).ToArray())));

    private static RealmSchemaModel Build(ClassRoll[] rolls)
    {
        // Class 0 is always top-level, so that a link has a target that can never close a cycle through embedded objects.
        var embedded = rolls.Select((r, i) => i > 0 && r.Kind == 0).ToArray();
        var classes = rolls.Select((roll, i) => BuildClass(rolls, embedded, i)).ToList();
        AddLinkingObjects(classes);
        return new RealmSchemaModel([.. classes]);
    }

    private static RealmClass BuildClass(ClassRoll[] rolls, bool[] embedded, int index)
    {
        var roll = rolls[index];
        var properties = roll.Properties.Select(p => BuildProperty(p, rolls, embedded, index)).ToList();
        if (embedded[index] || roll.Key == 0)
        {
            return new RealmClass(roll.Name, [.. properties], Kind: embedded[index] ? ClassKind.Embedded : ClassKind.TopLevel);
        }

        var key = new RealmProperty(properties[0].Name, PrimaryKeyTypes[(roll.Key - 1) % 4], Optional: roll.Key > 4);
        properties[0] = key;
        return new RealmClass(roll.Name, [.. properties], key.Name);
    }

    private static RealmProperty BuildProperty(PropertyRoll roll, ClassRoll[] classes, bool[] embedded, int owner)
    {
        var collection = (CollectionKind)roll.Collection;
        if (roll.Type < 11)
        {
            var type = (RealmPropertyType)roll.Type;
            var indexed = roll.Indexed && collection == CollectionKind.None && IndexableTypes.Contains(type);
            // Realm reports mixed as optional always.
            return new RealmProperty(roll.Name, type, collection, roll.Optional || type == RealmPropertyType.Mixed, Indexed: indexed);
        }

        // A link to an embedded class only from an earlier class: no cycle through embedded objects (realm-core refuses one).
        var target = roll.Target % classes.Length;
        if (embedded[target] && target <= owner)
        {
            target = 0;
        }

        if (embedded[target] && collection == CollectionKind.Set)
        {
            collection = CollectionKind.List; // Realm has no set of embedded objects
        }

        var optional = collection is CollectionKind.None or CollectionKind.Dictionary;
        return new RealmProperty(roll.Name, RealmPropertyType.Object, collection, optional, classes[target].Name);
    }

    /// <summary>A linkingObjects on each top-level class that some to-one link or list points at.</summary>
    private static void AddLinkingObjects(List<RealmClass> classes)
    {
        for (var i = 0; i < classes.Count; i++)
        {
            var target = classes[i];
            var origin = classes.FirstOrDefault(c => c.Properties.Any(p => IsBacklinkable(p, target)));
            if (target.Kind != ClassKind.TopLevel || origin is null)
            {
                continue;
            }

            var link = origin.Properties.First(p => IsBacklinkable(p, target));
            var name = "linkedFrom" + i;
            if (target.Find(name) is null)
            {
                var backlink = new RealmProperty(name, RealmPropertyType.LinkingObjects, ObjectType: origin.Name, LinkOriginProperty: link.Name);
                classes[i] = target with { Properties = target.Properties.Add(backlink) };
            }
        }
    }

    private static bool IsBacklinkable(RealmProperty property, RealmClass target) =>
        property.IsLink && property.ObjectType == target.Name && property.Collection is CollectionKind.None or CollectionKind.List;
}
