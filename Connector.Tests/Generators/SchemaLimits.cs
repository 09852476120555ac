using Connector.RealmSchema;

namespace Connector.Tests.Generators;

/// <summary>
/// What a stream's schemas may hold, so that a caller can keep them within what a database maps: the property types
/// and collection kinds allowed (a primary key's type included), and whether a primary key may be optional. Today both
/// databases map everything (<see cref="All"/>). Names are never limited: the hostile ones, 63+ UTF-8 bytes included,
/// are the mappers' to resolve.
/// </summary>
internal sealed record SchemaLimits(IReadOnlySet<RealmPropertyType> Types, IReadOnlySet<CollectionKind> Collections, bool OptionalKeys = true)
{
    public static SchemaLimits All { get; } = new(Enum.GetValues<RealmPropertyType>().ToHashSet(), Enum.GetValues<CollectionKind>().ToHashSet());

    public bool Allows(RealmPropertyType type, CollectionKind collection) => Types.Contains(type) && Collections.Contains(collection);

    /// <summary>
    /// <paramref name="schema"/> without what is not allowed: such properties go (and the linkingObjects that follow a
    /// link that went); a primary key of a type not allowed makes its class keyless; an optional key becomes required.
    /// </summary>
    public RealmSchemaModel Apply(RealmSchemaModel schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (this == All)
        {
            return schema;
        }

        var classes = schema.Classes.Select(Keep).ToList();
        return new RealmSchemaModel([.. classes.Select(c => c with
        {
            Properties = [.. c.Properties.Where(p => p.Type != RealmPropertyType.LinkingObjects ||
                classes.Any(o => o.Name == p.ObjectType && o.Find(p.LinkOriginProperty!) is not null))],
        })]);
    }

    private RealmClass Keep(RealmClass realmClass)
    {
        var key = realmClass.PrimaryKeyProperty;
        var keyKept = key is not null && Allows(key.Type, CollectionKind.None);
        var properties = realmClass.Properties
            .Where(p => p.Type == RealmPropertyType.LinkingObjects || (p == key ? keyKept : Allows(p.Type, p.Collection)))
            .Select(p => p == key && !OptionalKeys ? p with { Optional = false } : p);
        return realmClass with { Properties = [.. properties], PrimaryKey = keyKept ? key!.Name : null };
    }
}
