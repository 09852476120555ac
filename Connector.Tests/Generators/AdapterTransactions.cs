using System.Collections.Immutable;
using Connector.Adapter;
using Connector.RealmSchema;
using CsCheck;

namespace Connector.Tests.Generators;

/// <summary>
/// Random transactions against a schema: INSERT, SET, DELETE, CLEAR, LIST_*, CHANGE_IDENTITY and SWAP_IDENTITY with
/// values of the properties' types. Only what the codec needs holds (known classes and properties, distinct names);
/// causal order and indexes in range are not kept, so these are for the codec, not for a model of Realm.
/// </summary>
internal static class AdapterTransactions
{
    public static Gen<AdapterTransaction> For(RealmSchemaModel schema) =>
        Gen.Select(AdapterValues.Text, Gen.Long[1, long.MaxValue], Instruction(schema).Array[0, 8], Source,
            (path, version, instructions, source) => new AdapterTransaction("/" + path, version, [.. instructions], source));

    /// <summary>A random schema and a transaction against it.</summary>
    public static readonly Gen<(RealmSchemaModel Schema, AdapterTransaction Transaction)> WithSchema =
        RealmSchemas.Schema.SelectMany(schema => For(schema).Select(t => (schema, t)));

    private static readonly Gen<ChangeTrackingSource?> Source = Gen.Frequency(
        (3, Gen.Const<ChangeTrackingSource?>((ChangeTrackingSource?)null)),
        (1, Gen.Select(Gen.Long[0, long.MaxValue], Gen.Long[0, long.MaxValue], (from, to) => (ChangeTrackingSource?)new ChangeTrackingSource(from, to))));

    private static Gen<Instruction> Instruction(RealmSchemaModel schema) =>
        Gen.Int[0, schema.Classes.Length - 1].SelectMany(i => ForClass(schema.Classes[i]));

    private static Gen<Instruction> ForClass(RealmClass realmClass)
    {
        var name = realmClass.Name;
        var id = AdapterValues.Identity;
        var lists = realmClass.Properties.Where(p => p.IsLink && p.Collection == CollectionKind.List).Select(p => p.Name).ToArray();
        var choices = new List<(int, IGen<Instruction>)>
        {
            (4, Gen.Select(id, Values(realmClass), (i, v) => (Instruction)new InsertInstruction(name, i, v))),
            (4, Gen.Select(id, Values(realmClass), (i, v) => (Instruction)new SetInstruction(name, i, v))),
            (2, id.Select(i => (Instruction)new DeleteInstruction(name, i))),
            (1, Gen.Const((Instruction)new ClearInstruction(name))),
            (1, Gen.Select(id, id, (i, n) => (Instruction)new ChangeIdentityInstruction(name, i, n))),
            (1, Gen.Select(id, id, (i, s) => (Instruction)new SwapIdentityInstruction(name, i, s))),
        };
        if (lists.Length > 0)
        {
            var list = Gen.OneOf(lists);
            var index = Gen.Frequency((3, Gen.Long[0, 10]), (1, Gen.Long[0, long.MaxValue]));
            choices.Add((2, Gen.Select(id, list, index, id, (i, p, x, o) => (Instruction)new ListInsertInstruction(name, i, p, x, o))));
            choices.Add((1, Gen.Select(id, list, index, id, (i, p, x, o) => (Instruction)new ListSetInstruction(name, i, p, x, o))));
            choices.Add((1, Gen.Select(id, list, index, (i, p, x) => (Instruction)new ListEraseInstruction(name, i, p, x))));
            choices.Add((1, Gen.Select(id, list, (i, p) => (Instruction)new ListClearInstruction(name, i, p))));
        }

        return Gen.Frequency([.. choices]);
    }

    /// <summary>Values for a random subset of the properties that <c>values</c> may hold (not lists of objects, not linkingObjects).</summary>
    private static Gen<PropertyValues> Values(RealmClass realmClass)
    {
        var settable = realmClass.Properties
            .Where(p => p.Type != RealmPropertyType.LinkingObjects && !(p.IsLink && p.Collection == CollectionKind.List))
            .ToArray();
        if (settable.Length == 0)
        {
            return Gen.Const(PropertyValues.Empty);
        }

        return Gen.Bool.Array[settable.Length].SelectMany(chosen => ValuesOf(settable.Where((_, i) => chosen[i]).ToArray()));
    }

    private static Gen<PropertyValues> ValuesOf(RealmProperty[] properties)
    {
        var gen = Gen.Const(ImmutableArray<KeyValuePair<string, RealmValue>>.Empty);
        foreach (var property in properties)
        {
            gen = gen.SelectMany(entries => AdapterValues.For(property).Select(v => entries.Add(KeyValuePair.Create(property.Name, v))));
        }

        return gen.Select(entries => new PropertyValues(entries));
    }
}
