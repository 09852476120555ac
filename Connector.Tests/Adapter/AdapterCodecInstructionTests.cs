using Connector.Adapter;
using Connector.RealmSchema;
using static Connector.Tests.Adapter.AdapterJson;

namespace Connector.Tests.Adapter;

public sealed class AdapterCodecInstructionTests
{
    private static readonly StringValue Rex = new("rex");

    private static IEnumerable<Instruction> EveryInstruction()
    {
        yield return new AddTypeInstruction("Dog", [
            new RealmProperty("name", RealmPropertyType.String),
            new RealmProperty("owner", RealmPropertyType.Object, Optional: true, ObjectType: "Person"),
            new RealmProperty("toys", RealmPropertyType.Object, CollectionKind.List, ObjectType: "Toy"),
            new RealmProperty("tags", RealmPropertyType.String, CollectionKind.Set, Optional: true, Indexed: true),
            new RealmProperty("scores", RealmPropertyType.Int, CollectionKind.Dictionary),
        ], "name");
        yield return new AddTypeInstruction("Toy", [new RealmProperty("n", RealmPropertyType.Double)]);
        yield return new AddPropertiesInstruction("Dog", [
            new RealmProperty("owners", RealmPropertyType.LinkingObjects, ObjectType: "Person", LinkOriginProperty: "dogs"),
        ]);
        yield return new InsertInstruction("Dog", Rex, Values(("name", Rex), ("age", new IntValue(3))));
        yield return new InsertInstruction("Toy", new StringValue("{0002-0000}"), PropertyValues.Empty);
        yield return new SetInstruction("Dog", new IntValue(-5), Values(("owner", RealmValue.Null)));
        yield return new DeleteInstruction("Dog", RealmValue.Null);
        yield return new ClearInstruction("Dog");
        yield return new ListSetInstruction("Dog", Rex, "toys", 2, new StringValue("ball"));
        yield return new ListInsertInstruction("Dog", Rex, "toys", 0, new IntValue(9));
        yield return new ListEraseInstruction("Dog", Rex, "toys", 1);
        yield return new ListClearInstruction("Dog", Rex, "toys");
        yield return new ChangeIdentityInstruction("Toy", new StringValue("{1-1}"), new StringValue("{1-2}"));
        yield return new SwapIdentityInstruction("Toy", new StringValue("{1-1}"), new StringValue("{1-2}"));
    }

    [TestCaseSource(nameof(EveryInstruction))]
    public void Every_instruction_round_trips(Instruction instruction)
    {
        var transaction = Of(instruction);

        Assert.That(AdapterCodec.Decode(AdapterCodec.Encode(transaction)), Is.EqualTo(transaction));
    }

    [Test]
    public void Transaction_with_source_round_trips()
    {
        var transaction = new AdapterTransaction("/ü/x", long.MaxValue, [.. EveryInstruction()], new ChangeTrackingSource(10, 12));

        Assert.That(AdapterCodec.Decode(AdapterCodec.EncodeToUtf8(transaction)), Is.EqualTo(transaction));
    }

    [Test]
    public void Insert_is_written_as_one_exact_line() =>
        Assert.That(
            AdapterCodec.Encode(Of(new InsertInstruction("Dog", Rex, Values(("name", Rex), ("age", new IntValue(3)))))),
            Is.EqualTo("{\"realm_path\":\"/r\",\"version\":7,\"instructions\":[{\"type\":\"INSERT\",\"object_type\":\"Dog\"," +
                       "\"identity\":\"rex\",\"values\":{\"name\":\"rex\",\"age\":3}}]}"));

    [Test]
    public void List_insert_and_source_are_written_as_one_exact_line() =>
        Assert.That(
            AdapterCodec.Encode(new AdapterTransaction("/r", 3, [new ListInsertInstruction("Dog", Rex, "toys", 0, new IntValue(9))],
                new ChangeTrackingSource(1, 2))),
            Is.EqualTo("{\"realm_path\":\"/r\",\"version\":3,\"source\":{\"change_tracking_from\":1,\"change_tracking_to\":2}," +
                       "\"instructions\":[{\"type\":\"LIST_INSERT\",\"object_type\":\"Dog\",\"identity\":\"rex\",\"property\":\"toys\"," +
                       "\"list_index\":0,\"object_identity\":9}]}"));

    [Test]
    public void Add_type_is_written_in_adapter_shape() =>
        Assert.That(
            AdapterCodec.Encode(Of(new AddTypeInstruction("Dog", [
                new RealmProperty("id", RealmPropertyType.Int, Indexed: true),
                new RealmProperty("owner", RealmPropertyType.Object, Optional: true, ObjectType: "Person"),
            ], "id"))),
            Is.EqualTo("{\"realm_path\":\"/r\",\"version\":7,\"instructions\":[{\"type\":\"ADD_TYPE\",\"object_type\":\"Dog\"," +
                       "\"primary_key\":\"id\",\"properties\":{\"id\":{\"type\":\"int\",\"nullable\":false,\"indexed\":true}," +
                       "\"owner\":{\"type\":\"object\",\"object_type\":\"Person\",\"nullable\":true}}}]}"));

    [Test]
    public void Add_type_reads_realm_js_shape_and_shorthand_properties() =>
        Assert.That(
            AdapterCodec.Decode(Transaction(
                "{\"type\":\"ADD_TYPE\",\"object_type\":\"Dog\",\"properties\":{\"a\":{\"type\":\"list\",\"objectType\":\"int\"},\"b\":\"string?\"}}")),
            Is.EqualTo(Of(new AddTypeInstruction("Dog", [
                new RealmProperty("a", RealmPropertyType.Int, CollectionKind.List),
                new RealmProperty("b", RealmPropertyType.String, Optional: true),
            ]))));

    [Test]
    public void Fields_are_read_in_any_order_and_unknown_fields_are_ignored() =>
        Assert.That(
            AdapterCodec.Decode("{\"instructions\":[{\"identity\":\"rex\",\"x\":[1,{}],\"object_type\":\"Dog\",\"type\":\"DELETE\"}]," +
                                "\"extra\":{\"a\":1},\"version\":7,\"realm_path\":\"/r\"}"),
            Is.EqualTo(Of(new DeleteInstruction("Dog", Rex))));

    [Test]
    public void Insert_with_null_values_has_empty_values() =>
        Assert.That(
            AdapterCodec.Decode(Transaction("{\"type\":\"INSERT\",\"object_type\":\"Toy\",\"identity\":\"{1-1}\",\"values\":null}")),
            Is.EqualTo(Of(new InsertInstruction("Toy", new StringValue("{1-1}"), PropertyValues.Empty))));

    [Test]
    public void Values_keep_their_json_order() =>
        Assert.That(
            ((SetInstruction)AdapterCodec.Decode(Transaction(
                "{\"type\":\"SET\",\"object_type\":\"A\",\"identity\":1,\"values\":{\"z\":1,\"a\":2,\"m\":3}}")).Instructions[0])
                .Values.Entries.Select(e => e.Key),
            Is.EqualTo((string[])["z", "a", "m"]));

    [Test]
    public void Objectid_identity_is_accepted() =>
        Assert.That(
            AdapterCodec.Decode(Transaction("{\"type\":\"DELETE\",\"object_type\":\"A\",\"identity\":[\"objectId\",\"0123456789abcdef01234567\"]}")),
            Is.EqualTo(Of(new DeleteInstruction("A", new ObjectIdValue("0123456789abcdef01234567")))));
}
