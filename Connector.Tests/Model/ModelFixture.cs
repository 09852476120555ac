using Connector.Adapter;
using Connector.RealmSchema;

namespace Connector.Tests.Model;

/// <summary>
/// A small schema for the model's tests, applied as version 1: Person (int key) links to Dog (string key) in every
/// way a link can be held, owns an embedded Address that owns an embedded Geo, and Note has no primary key.
/// </summary>
internal static class ModelFixture
{
    public const string RealmPath = "/test";

    public static readonly RealmProperty[] PersonProperties =
    [
        new("id", RealmPropertyType.Int),
        new("name", RealmPropertyType.String, Optional: true),
        new("dog", RealmPropertyType.Object, ObjectType: "Dog"),
        new("dogs", RealmPropertyType.Object, CollectionKind.List, ObjectType: "Dog"),
        new("dogSet", RealmPropertyType.Object, CollectionKind.Set, ObjectType: "Dog"),
        new("dogMap", RealmPropertyType.Object, CollectionKind.Dictionary, Optional: true, ObjectType: "Dog"),
        new("address", RealmPropertyType.Object, ObjectType: "Address"),
        new("any", RealmPropertyType.Mixed, Optional: true),
        new("anyList", RealmPropertyType.Mixed, CollectionKind.List, Optional: true),
        new("tags", RealmPropertyType.String, CollectionKind.Set),
        new("scores", RealmPropertyType.Int, CollectionKind.List),
        new("note", RealmPropertyType.Object, ObjectType: "Note"),
        new("notes", RealmPropertyType.Object, CollectionKind.List, ObjectType: "Note"),
    ];

    public static AdapterTransaction Schema() => Transaction(1,
        new AddTypeInstruction("Dog", [new("name", RealmPropertyType.String), new("age", RealmPropertyType.Int, Optional: true)], "name"),
        new AddTypeInstruction("Geo", [new("lat", RealmPropertyType.Double)], Embedded: true),
        new AddTypeInstruction("Address", [new("street", RealmPropertyType.String, Optional: true), new("geo", RealmPropertyType.Object, ObjectType: "Geo")], Embedded: true),
        new AddTypeInstruction("Note", [new("text", RealmPropertyType.String, Optional: true)]),
        new AddTypeInstruction("Person", [.. PersonProperties], "id"),
        new AddTypeInstruction("Tag", [new("code", RealmPropertyType.Int, Optional: true)], "code"));

    /// <summary>A model with the schema applied.</summary>
    public static RealmModel NewModel(ModelOptions? options = null)
    {
        var model = new RealmModel(options);
        Assert.That(model.Apply(Schema()).Status, Is.EqualTo(ModelStatus.Applied));
        return model;
    }

    public static AdapterTransaction Transaction(long version, params Instruction[] instructions) => new(RealmPath, version, [.. instructions]);

    /// <summary>Applies a transaction that must apply.</summary>
    public static void Applied(this RealmModel model, long version, params Instruction[] instructions)
    {
        var outcome = model.Apply(Transaction(version, instructions));
        Assert.That(outcome.Status, Is.EqualTo(ModelStatus.Applied), outcome.ToString());
    }

    public static StringValue S(string value) => new(value);

    public static IntValue I(long value) => new(value);

    public static PropertyValues Values(params (string Name, RealmValue Value)[] values) =>
        new([.. values.Select(v => KeyValuePair.Create(v.Name, v.Value))]);

    public static ListValue List(params RealmValue[] items) => new([.. items]);

    public static InsertInstruction Dog(string name) => new("Dog", S(name), Values(("name", S(name))));

    public static InsertInstruction Person(long id, params (string Name, RealmValue Value)[] values) =>
        new("Person", I(id), Values([("id", I(id)), .. values]));

    public static SetInstruction Set(string className, RealmValue identity, params (string Name, RealmValue Value)[] values) =>
        new(className, identity, Values(values));

    /// <summary>The value of one property of one object.</summary>
    public static RealmValue Value(this RealmModel model, string className, RealmValue identity, string property) =>
        model.Values(className, identity).Single(v => v.Key == property).Value;
}
