using System.Collections.Immutable;
using Connector.Adapter;
using Connector.RealmSchema;

namespace Connector.Tests.InitialLoad;

/// <summary>
/// A minimal in-memory Realm for tests: applies ADD_TYPE, INSERT, SET and LIST_INSERT as the Adapter defines them
/// (values coerced against the declared property, as the applier will), and fails on anything out of causal order:
/// data for an undeclared class, a second INSERT of an identity, a SET or link naming an object not inserted yet.
/// </summary>
internal sealed class InstructionReplayer
{
    private readonly Dictionary<string, RealmClass> classes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<RealmValue, Dictionary<string, RealmValue>>> objects = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, Dictionary<RealmValue, Dictionary<string, RealmValue>>> Objects => objects;

    public void Apply(AdapterTransaction transaction)
    {
        foreach (var instruction in transaction.Instructions)
        {
            Apply(instruction);
        }
    }

    /// <summary>Every property of an object, those never written at their Realm default (null, or an empty collection).</summary>
    public ImmutableArray<KeyValuePair<string, RealmValue>> Values(string className, RealmValue identity)
    {
        var stored = objects[className][identity];
        return classes[className].Properties
            .Where(p => p.Type != RealmPropertyType.LinkingObjects)
            .Select(p => KeyValuePair.Create(p.Name, stored.TryGetValue(p.Name, out var value) ? value : Default(p)))
            .ToImmutableArray();
    }

    private void Apply(Instruction instruction)
    {
        switch (instruction)
        {
            case AddTypeInstruction add:
                Assert.That(classes.TryAdd(add.ObjectType, new RealmClass(add.ObjectType, add.Properties, add.PrimaryKey)), Is.True, $"ADD_TYPE {add.ObjectType} twice");
                objects[add.ObjectType] = [];
                break;
            case InsertInstruction insert:
                Assert.That(Class(insert).TryAdd(insert.Identity, []), Is.True, $"INSERT of {Describe(insert)} twice");
                Set(insert, insert.Values);
                break;
            case SetInstruction set:
                Set(set, set.Values);
                break;
            case ListInsertInstruction listInsert:
                var property = classes[listInsert.ObjectType].Find(listInsert.Property)!;
                RequireObject(property.ObjectType!, listInsert.ObjectIdentity);
                var stored = Object(listInsert);
                var items = stored.TryGetValue(property.Name, out var list) ? ((ListValue)list).Items : [];
                Assert.That(listInsert.ListIndex, Is.InRange(0, items.Length), $"LIST_INSERT index on {Describe(listInsert)}");
                stored[property.Name] = new ListValue(items.Insert((int)listInsert.ListIndex, listInsert.ObjectIdentity));
                break;
            default:
                Assert.Fail($"an initial load has no {instruction.GetType().Name}");
                break;
        }
    }

    private void Set(ObjectInstruction instruction, PropertyValues values)
    {
        var realmClass = classes[instruction.ObjectType];
        var stored = Object(instruction);
        foreach (var (name, value) in values.Entries)
        {
            var property = realmClass.Find(name) ?? throw new AssertionException($"{Describe(instruction)}: no property '{name}'");
            var coerced = ValueCoercion.Coerce(value, property, $"{Describe(instruction)}.{name}");
            RequireTargets(property, coerced);
            stored[name] = coerced;
        }
    }

    /// <summary>Every link in a value names an object already inserted (ADAPTER-PROTOCOL.md section 2, causal order).</summary>
    private void RequireTargets(RealmProperty property, RealmValue value)
    {
        switch (value)
        {
            case LinkValue link:
                RequireObject(link.ClassName, link.Identity);
                break;
            case ListValue list:
                list.Items.ToList().ForEach(item => RequireTargets(property, item));
                break;
            case DictionaryValue dictionary:
                dictionary.Entries.ToList().ForEach(entry => RequireTargets(property, entry.Value));
                break;
            case NullValue:
                break;
            default:
                if (property.Type == RealmPropertyType.Object)
                {
                    RequireObject(property.ObjectType!, value);
                }

                break;
        }
    }

    private void RequireObject(string className, RealmValue identity) =>
        Assert.That(objects[className].ContainsKey(identity), Is.True, $"a link to {className} {identity} before its INSERT");

    private Dictionary<RealmValue, Dictionary<string, RealmValue>> Class(Instruction instruction) =>
        objects.TryGetValue(instruction.ObjectType, out var found) ? found : throw new AssertionException($"{instruction.ObjectType} used before its ADD_TYPE");

    private Dictionary<string, RealmValue> Object(ObjectInstruction instruction) =>
        Class(instruction).TryGetValue(instruction.Identity, out var found) ? found : throw new AssertionException($"{Describe(instruction)} used before its INSERT");

    private static RealmValue Default(RealmProperty property) => property.Collection switch
    {
        CollectionKind.None => RealmValue.Null,
        CollectionKind.Dictionary => new DictionaryValue([]),
        _ => new ListValue([]),
    };

    private static string Describe(ObjectInstruction instruction) => $"{instruction.ObjectType} {instruction.Identity}";
}
