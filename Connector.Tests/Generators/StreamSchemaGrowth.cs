using Connector.Adapter;
using Connector.RealmSchema;
using CsCheck;

namespace Connector.Tests.Generators;

/// <summary>
/// The schema instructions of a stream: ADD_PROPERTIES (new optional or required properties of any type and collection
/// kind, links to top-level classes) and ADD_TYPE (a new top-level class, with or without a primary key). Names come
/// from <see cref="RealmNames"/>, hostile ones included, and are new in their class (ordinally, as Realm compares).
/// </summary>
internal static class StreamSchemaGrowth
{
    private static readonly RealmPropertyType[] Primitives =
    [
        RealmPropertyType.Bool, RealmPropertyType.Int, RealmPropertyType.Float, RealmPropertyType.Double, RealmPropertyType.String,
        RealmPropertyType.Data, RealmPropertyType.Date, RealmPropertyType.Decimal128, RealmPropertyType.ObjectId, RealmPropertyType.Uuid,
        RealmPropertyType.Mixed,
    ];

    private static readonly RealmPropertyType[] KeyTypes = [RealmPropertyType.Int, RealmPropertyType.String, RealmPropertyType.ObjectId, RealmPropertyType.Uuid];

    private static readonly RealmPropertyType[] Indexable =
        [RealmPropertyType.Bool, RealmPropertyType.Int, RealmPropertyType.String, RealmPropertyType.Date, RealmPropertyType.ObjectId, RealmPropertyType.Uuid];

    public static void AddProperties(TransactionBuilder builder, RealmClass realmClass, SchemaLimits limits)
    {
        var names = new HashSet<string>(realmClass.Properties.Select(p => p.Name), StringComparer.Ordinal);
        var added = Enumerable.Range(0, 1 + builder.Next(2)).Select(_ => NewProperty(builder, names, limits)).OfType<RealmProperty>().ToList();
        if (added.Count > 0)
        {
            builder.Emit(new AddPropertiesInstruction(realmClass.Name, [.. added]));
        }
    }

    public static void AddType(TransactionBuilder builder, SchemaLimits limits)
    {
        var name = NewName(builder, builder.State.Classes.Select(c => c.Name));
        var names = new HashSet<string>(StringComparer.Ordinal);
        var properties = Enumerable.Range(0, 1 + builder.Next(4)).Select(_ => NewProperty(builder, names, limits)).OfType<RealmProperty>().ToList();
        string? primaryKey = null;
        var keyType = builder.Pick(KeyTypes);
        if (builder.Next(3) > 0 && limits.Allows(keyType, CollectionKind.None))
        {
            primaryKey = NewName(builder, names);
            properties.Insert(0, new RealmProperty(primaryKey, keyType, Optional: limits.OptionalKeys && builder.OneIn(3)));
        }

        builder.Emit(new AddTypeInstruction(name, [.. properties], primaryKey));
    }

    private static RealmProperty? NewProperty(TransactionBuilder builder, HashSet<string> names, SchemaLimits limits)
    {
        var collection = (CollectionKind)builder.Next(4);
        var targets = builder.State.Classes.Where(c => c.Kind == ClassKind.TopLevel).ToList();
        RealmProperty property;
        if (targets.Count > 0 && builder.OneIn(5))
        {
            // Optional as Realm reports links: a to-one link and a dictionary's values may be null, a list's and a set's may not.
            property = new RealmProperty(string.Empty, RealmPropertyType.Object, collection, collection is CollectionKind.None or CollectionKind.Dictionary, builder.Pick(targets).Name);
        }
        else
        {
            var type = builder.Pick(Primitives);
            var indexed = collection == CollectionKind.None && Indexable.Contains(type) && builder.OneIn(4);
            property = new RealmProperty(string.Empty, type, collection, type == RealmPropertyType.Mixed || builder.OneIn(2), Indexed: indexed);
        }

        if (!limits.Allows(property.Type, property.Collection))
        {
            return null;
        }

        var name = NewName(builder, names);
        names.Add(name);
        return property with { Name = name };
    }

    private static string NewName(TransactionBuilder builder, IEnumerable<string> taken)
    {
        var used = taken.ToHashSet(StringComparer.Ordinal);
        var name = builder.Draw(RealmNames.Name);
        for (var i = 2; !used.Add(name); i++)
        {
            name = builder.Draw(RealmNames.Name) + i;
        }

        return name;
    }
}
