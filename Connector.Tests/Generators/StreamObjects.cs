using System.Collections.Immutable;
using Connector.Adapter;
using Connector.RealmSchema;
using CsCheck;

namespace Connector.Tests.Generators;

/// <summary>
/// New objects and their values for a stream: identities that are new in their class (key-typed, an occasional null
/// key, or the opaque identity of a class without primary key), values of every property type with links resolved to
/// objects that exist, and embedded objects inserted just before the owner instruction that links to them (their own
/// embedded objects first), so that every link follows what it names (ADAPTER-PROTOCOL.md section 2, causal order).
/// </summary>
internal static class StreamObjects
{
    /// <summary>Embedded objects nest at most this deep in one instruction (the schema cannot loop, but it can be long).</summary>
    private const int MaxDepth = 3;

    private static readonly string[] HostileIdentities = ["", "[a]", "O'Brien", "日本語", "😀", "a b", "x]]y", "--;"];

    private static readonly Gen<RealmValue> IntKey = Gen.Frequency(
        (1, Gen.OneOf(long.MinValue, long.MaxValue, 0L, -1L, (1L << 53) + 1)), (3, Gen.Long[-100, 100]), (2, Gen.Long))
        .Select(v => (RealmValue)new IntValue(v));

    public static void Insert(TransactionBuilder builder, RealmClass realmClass)
    {
        var identity = NewIdentity(builder, realmClass);
        var values = Values(builder, realmClass, identity, insert: true, depth: 0);
        builder.Emit(new InsertInstruction(realmClass.Name, identity, values));
    }

    /// <summary>A SET of one to three properties of an existing object; nothing when it has none to set.</summary>
    public static void Set(TransactionBuilder builder, RealmClass realmClass, RealmValue identity)
    {
        var values = Values(builder, realmClass, identity, insert: false, depth: 0);
        if (values.Count > 0)
        {
            builder.Emit(new SetInstruction(realmClass.Name, identity, values));
        }
    }

    /// <summary>A new embedded object of <paramref name="realmClass"/>, inserted now for an owner about to link it; null when there is no room.</summary>
    public static RealmValue? NewEmbedded(TransactionBuilder builder, RealmClass realmClass, int depth)
    {
        if (builder.Room < 2 || depth >= MaxDepth)
        {
            return null;
        }

        var identity = Opaque(builder, realmClass);
        builder.Emit(new InsertInstruction(realmClass.Name, identity, Values(builder, realmClass, identity, insert: true, depth + 1)));
        return identity;
    }

    /// <summary>An object a link or list element may name, or null when the class has none.</summary>
    public static RealmValue? Target(TransactionBuilder builder, string className)
    {
        var targets = builder.State.LinkTargets(className);
        return targets.Count == 0 ? null : builder.Pick(targets);
    }

    public static RealmValue NewIdentity(TransactionBuilder builder, RealmClass realmClass)
    {
        if (realmClass.PrimaryKeyProperty is not { } key)
        {
            return Opaque(builder, realmClass);
        }

        var existing = builder.State.Objects(realmClass.Name);
        if (key.Optional && !existing.Contains(RealmValue.Null) && builder.OneIn(8))
        {
            return RealmValue.Null;
        }

        var gen = key.Type switch
        {
            RealmPropertyType.Int => IntKey,
            // SQL Server ignores trailing spaces in keys: "a" and "a " would be one key there, two in Realm.
            RealmPropertyType.String => StreamValues.Text.Select(t => (RealmValue)new StringValue(t.TrimEnd(' '))),
            RealmPropertyType.ObjectId => StreamValues.ObjectId,
            _ => Gen.Guid.Select(g => (RealmValue)new UuidValue(g)),
        };
        return Unique(builder, existing, gen);
    }

    /// <summary>The opaque identity of an object of a class without primary key: mostly as sync wrote them, sometimes hostile.</summary>
    private static RealmValue Opaque(TransactionBuilder builder, RealmClass realmClass)
    {
        var gen = Gen.Frequency(
            (30, Gen.Select(Gen.UInt[0, 0xffff], Gen.UInt[0, 0xffff], (a, b) => $"{{{a:x4}-{b:x4}}}")),
            (5, Gen.OneOf(HostileIdentities)),
            (1, Gen.OneOf("{" + new string('f', 63) + "}", "nul\0id"))).Select(t => (RealmValue)new StringValue(t));
        return Unique(builder, builder.State.Objects(realmClass.Name), gen);
    }

    private static RealmValue Unique(TransactionBuilder builder, IReadOnlyList<RealmValue> existing, Gen<RealmValue> gen)
    {
        var taken = existing.Select(Trimmed).ToHashSet();
        for (var attempt = 0; ; attempt++)
        {
            var candidate = builder.Draw(gen);
            if (attempt > 20 && candidate is StringValue s)
            {
                candidate = new StringValue(s.Value + "#" + attempt);
            }

            if (taken.Add(Trimmed(candidate)))
            {
                return candidate;
            }
        }
    }

    private static RealmValue Trimmed(RealmValue identity) => identity is StringValue s ? new StringValue(s.Value.TrimEnd(' ')) : identity;

    /// <summary>
    /// Values of an INSERT (the primary key first, then most properties) or of a SET (one to three properties, never
    /// the primary key); never a list of objects or a linkingObjects (ADAPTER-PROTOCOL.md section 3).
    /// </summary>
    private static PropertyValues Values(TransactionBuilder builder, RealmClass realmClass, RealmValue identity, bool insert, int depth)
    {
        var settable = realmClass.Properties
            .Where(p => p.Type != RealmPropertyType.LinkingObjects && !(p.IsLink && p.Collection == CollectionKind.List) && p.Name != realmClass.PrimaryKey)
            .ToList();
        var chosen = insert
            ? settable.Where(_ => !builder.OneIn(5)).ToList()
            : Enumerable.Range(0, 1 + builder.Next(3)).Select(_ => settable.Count == 0 ? null : builder.Pick(settable)).OfType<RealmProperty>().Distinct().ToList();
        var entries = ImmutableArray.CreateBuilder<KeyValuePair<string, RealmValue>>();
        if (insert && realmClass.PrimaryKey is { } key)
        {
            entries.Add(KeyValuePair.Create(key, identity));
        }

        foreach (var property in chosen)
        {
            entries.Add(KeyValuePair.Create(property.Name, Resolve(builder, property, builder.Draw(StreamValues.For(property)), depth)));
        }

        return new PropertyValues(entries.ToImmutable());
    }

    /// <summary>The value with every link placeholder made a link to an object that exists (or a new embedded one), or null.</summary>
    private static RealmValue Resolve(TransactionBuilder builder, RealmProperty property, RealmValue value, int depth)
    {
        if (property.Type == RealmPropertyType.Mixed)
        {
            return MixedLinks(builder, value);
        }

        if (!property.IsLink)
        {
            return value;
        }

        var target = builder.State.Work.Classes[property.ObjectType!];
        RealmValue? Element(RealmValue element) => element is NullValue
            ? element
            : target.Kind == ClassKind.Embedded ? NewEmbedded(builder, target, depth) : Target(builder, target.Name);
        return value switch
        {
            ListValue set => new ListValue([.. set.Items.Select(Element).OfType<RealmValue>().Where(v => v is not NullValue)]),
            DictionaryValue dictionary => new DictionaryValue([.. dictionary.Entries.Select(e => KeyValuePair.Create(e.Key, Element(e.Value) ?? RealmValue.Null))]),
            _ => Element(value) ?? RealmValue.Null,
        };
    }

    /// <summary>
    /// Links inside mixed name a top-level object that exists (Realm cannot link an embedded object from mixed), of a
    /// class keyed by int or string or keyless: the codec writes a link to an objectId or uuid key as
    /// <c>["link", "C", ["objectId", "..."]]</c> but reads back only string, integer and null identities
    /// (<c>AdapterTagReader.ReadLink</c>), so such a link would not survive the journal.
    /// </summary>
    private static RealmValue MixedLinks(TransactionBuilder builder, RealmValue value) => value switch
    {
        LinkValue => builder.State.Classes
            .Where(c => c.PrimaryKeyProperty?.Type is null or RealmPropertyType.Int or RealmPropertyType.String && builder.State.LinkTargets(c.Name).Count > 0)
            .ToList() is { Count: > 0 } classes &&
                     builder.Pick(classes) is var target
            ? new LinkValue(target.Name, Target(builder, target.Name)!)
            : RealmValue.Null,
        ListValue list => list with { Items = [.. list.Items.Select(i => MixedLinks(builder, i))] },
        DictionaryValue dictionary => dictionary with { Entries = [.. dictionary.Entries.Select(e => KeyValuePair.Create(e.Key, MixedLinks(builder, e.Value)))] },
        _ => value,
    };
}
