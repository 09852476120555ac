using Connector.Adapter;
using Connector.RealmSchema;

namespace Connector.Tests.Model;

/// <summary>INSERT, SET, DELETE, CLEAR, CHANGE_IDENTITY and SWAP_IDENTITY on the model, with Realm's cascades.</summary>
internal static class ModelObjects
{
    /// <summary>
    /// INSERT of an identity that exists updates the properties it names and leaves the others, as the SQL Server
    /// applier's <c>$upsert</c> does and as Realm's create-or-update does; ADAPTER-PROTOCOL.md calls INSERT "a new
    /// object" but a re-sent INSERT (replay after a crash, a second initial load) must not fail.
    /// </summary>
    public static void Insert(ModelState state, InsertInstruction insert, bool unresolvedMixedLinks = false)
    {
        var realmClass = state.Class(insert.ObjectType);
        var identity = Identity(realmClass, insert.Identity);
        var objects = state.Objects[realmClass.Name];
        if (!objects.ContainsKey(identity))
        {
            objects[identity] = realmClass.PrimaryKey is { } key ? new(StringComparer.Ordinal) { [key] = identity } : new(StringComparer.Ordinal);
        }

        Set(state, realmClass, identity, insert.Values, unresolvedMixedLinks);
    }

    public static void Set(ModelState state, SetInstruction set, bool unresolvedMixedLinks = false)
    {
        var realmClass = state.Class(set.ObjectType);
        Set(state, realmClass, Identity(realmClass, set.Identity), set.Values, unresolvedMixedLinks);
    }

    public static void Delete(ModelState state, string className, RealmValue identity, MixedLinks mixedLinks)
    {
        var values = state.Object(className, identity);
        state.Objects[className].Remove(identity);
        ModelReferences.Rewrite(state, className, new Dictionary<RealmValue, RealmValue?> { [identity] = null }, mixedLinks);
        foreach (var (embeddedClass, embedded) in ModelReferences.Embedded(state, state.Classes[className], values).ToList())
        {
            if (state.Exists(embeddedClass, embedded))
            {
                Delete(state, embeddedClass, embedded, mixedLinks); // An embedded object lives and dies with its owner.
            }
        }
    }

    public static void Clear(ModelState state, string className, MixedLinks mixedLinks)
    {
        foreach (var identity in state.Objects[state.Class(className).Name].Keys.ToList())
        {
            if (state.Exists(className, identity))
            {
                Delete(state, className, identity, mixedLinks);
            }
        }
    }

    /// <summary>CHANGE_IDENTITY (<paramref name="swap"/> false) or SWAP_IDENTITY: the objects and every reference move together.</summary>
    public static void Rekey(ModelState state, ObjectInstruction instruction, RealmValue other, bool swap, MixedLinks mixedLinks)
    {
        var realmClass = state.Class(instruction.ObjectType);
        if (realmClass.PrimaryKey is not null)
        {
            throw new ModelInputException($"class '{realmClass.Name}' has a primary key: its objects' identities cannot change");
        }

        var objects = state.Objects[realmClass.Name];
        var first = state.Object(realmClass.Name, Identity(realmClass, instruction.Identity));
        other = Identity(realmClass, other);
        if (swap)
        {
            var second = state.Object(realmClass.Name, other);
            (objects[instruction.Identity], objects[other]) = (second, first);
        }
        else if (!objects.TryAdd(other, first))
        {
            throw new ModelInputException($"CHANGE_IDENTITY to {ModelState.Describe(realmClass.Name, other)}, which exists");
        }
        else
        {
            objects.Remove(instruction.Identity);
        }

        var moves = new Dictionary<RealmValue, RealmValue?> { [instruction.Identity] = other };
        if (swap)
        {
            moves[other] = instruction.Identity;
        }

        ModelReferences.Rewrite(state, realmClass.Name, moves, mixedLinks);
    }

    /// <summary>The identity in its canonical form: the primary key's type, or the opaque string of a class without one.</summary>
    public static RealmValue Identity(RealmClass realmClass, RealmValue identity)
    {
        if (realmClass.PrimaryKeyProperty is not { } key)
        {
            return identity as StringValue ?? throw new ModelInputException($"class '{realmClass.Name}' has no primary key: an identity is a string, not {AdapterValueWriter.ToJson(identity)}");
        }

        return identity is NullValue && !key.Optional
            ? throw new ModelInputException($"class '{realmClass.Name}': the primary key '{key.Name}' is required, the identity cannot be null")
            : ValueCoercion.Coerce(identity, key, "identity");
    }

    private static void Set(ModelState state, RealmClass realmClass, RealmValue identity, PropertyValues values, bool unresolvedMixedLinks)
    {
        var stored = state.Object(realmClass.Name, identity);
        foreach (var (name, value) in values.Entries)
        {
            var property = realmClass.Find(name) ?? throw new ModelInputException($"class '{realmClass.Name}' has no property '{name}'");
            var coerced = ValueCoercion.Coerce(value, property, $"values.{name}");
            if (name == realmClass.PrimaryKey && !coerced.Equals(identity))
            {
                throw new ModelInputException($"{ModelState.Describe(realmClass.Name, identity)}: the primary key cannot change to {AdapterValueWriter.ToJson(coerced)}");
            }

            if (!unresolvedMixedLinks || property.Type != RealmPropertyType.Mixed)
            {
                RequireTargets(state, property, coerced);
            }
            stored[name] = property.Collection == CollectionKind.Set ? Distinct((ListValue)coerced) : coerced;
        }
    }

    /// <summary>A set holds each value once, in the order first given (the SQL side's positions follow it: ObjectRowGroup).</summary>
    private static ListValue Distinct(ListValue set) => new([.. set.Items.Distinct()]);

    /// <summary>Every link in a value names an existing object (ADAPTER-PROTOCOL.md section 2, causal order).</summary>
    private static void RequireTargets(ModelState state, RealmProperty property, RealmValue value)
    {
        switch (value)
        {
            case NullValue:
                break;
            case LinkValue link:
                Require(state, link.ClassName, link.Identity);
                break;
            case ListValue list:
                list.Items.ToList().ForEach(item => RequireTargets(state, property, item));
                break;
            case DictionaryValue dictionary:
                dictionary.Entries.ToList().ForEach(entry => RequireTargets(state, property, entry.Value));
                break;
            default:
                if (property.Type == RealmPropertyType.Object)
                {
                    Require(state, property.ObjectType!, value);
                }

                break;
        }
    }

    private static void Require(ModelState state, string className, RealmValue identity)
    {
        if (!state.Exists(className, identity))
        {
            throw new ModelInputException($"a link to {ModelState.Describe(className, identity)}, which does not exist");
        }
    }
}
