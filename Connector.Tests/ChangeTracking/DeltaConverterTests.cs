using System.Data.SqlTypes;
using Connector.Adapter;
using Connector.ChangeTracking;
using Connector.SqlServer.ChangeTracking;
using static Connector.Tests.ChangeTracking.DeltaRows;

namespace Connector.Tests.ChangeTracking;

public class DeltaConverterTests
{
    private static readonly Guid KennelId = Guid.Parse("6f1b6c1e-3d2a-4c8e-9b7a-0a1b2c3d4e5f");

    [Test]
    public void An_inserted_row_becomes_an_insert_with_every_mapped_column_decoded_from_its_sql_type()
    {
        var oid = System.Convert.FromHexString("0102030405060708090A0B0C");
        var row = Row("Every", "I", oid, new
        {
            b = true, i = 42L, f = 1.5f, d = 2.25, s = "héllo", bin = new byte[] { 1, 2 },
            dt = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Unspecified).AddTicks(1234567),
            dec = new SqlDecimal(decimal.Parse("12.500000000000000000", System.Globalization.CultureInfo.InvariantCulture)),
            u = KennelId, m = """["decimal128", "1.5"]""",
        });

        var instructions = DeltaRows.Convert(Converter(), "Every", DeltaPhase.Upserts, row);

        var seconds = (long)(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalSeconds;
        var identity = new ObjectIdValue("0102030405060708090a0b0c");
        Assert.That(instructions, Is.EqualTo(new Instruction[]
        {
            new InsertInstruction("Every", identity, Values(
                ("_id", identity), ("b", new BoolValue(true)), ("i", new IntValue(42)), ("f", new FloatValue(1.5f)),
                ("d", new DoubleValue(2.25)), ("s", new StringValue("héllo")), ("bin", new DataValue(new byte[] { 1, 2 })),
                ("dt", new TimestampValue(seconds, 123_456_700)), ("dec", new Decimal128Value("12.5")),
                ("u", new UuidValue(KennelId)), ("m", new Decimal128Value("1.5")))),
        }));
    }

    [Test]
    public void Nulls_become_null_values_and_deferred_links_are_left_to_their_phase() =>
        Assert.That(
            DeltaRows.Convert(Converter(), "Person", DeltaPhase.Upserts, Row("Person", "U", "ann", new { age = (object?)null })),
            Is.EqualTo(new Instruction[]
            {
                new SetInstruction("Person", new StringValue("ann"), Values(("age", RealmValue.Null))),
            }));

    [Test]
    public void An_updated_row_is_a_set_of_every_column_but_the_primary_key() =>
        Assert.That(
            DeltaRows.Convert(Converter(), "Kennel", DeltaPhase.Upserts, Row("Kennel", "U", KennelId, new { city = "Oslo" })),
            Is.EqualTo(new Instruction[] { new SetInstruction("Kennel", new UuidValue(KennelId), Values(("city", new StringValue("Oslo")))) }));

    [Test]
    public void A_deleted_row_is_a_delete_in_the_delete_phase_only()
    {
        var row = Row("Dog", "D", 7L, gone: true);

        Assert.That(DeltaRows.Convert(Converter(), "Dog", DeltaPhase.Upserts, row), Is.Empty);
        Assert.That(DeltaRows.Convert(Converter(), "Dog", DeltaPhase.Deletes, row), Is.EqualTo(new Instruction[] { new DeleteInstruction("Dog", new IntValue(7)) }));
    }

    [Test]
    public void A_row_changed_and_then_gone_is_deleted() =>
        Assert.That(
            DeltaRows.Convert(Converter(), "Dog", DeltaPhase.Deletes, Row("Dog", "U", 7L, gone: true)),
            Is.EqualTo(new Instruction[] { new DeleteInstruction("Dog", new IntValue(7)) }));

    [Test]
    public void A_primary_key_change_arrives_as_delete_and_insert_and_becomes_insert_of_the_new_then_delete_of_the_old()
    {
        var rows = new[] { Row("Kennel", "D", Guid.Empty, gone: true), Row("Kennel", "I", KennelId, new { city = "Bergen" }) };
        var converter = Converter();

        var instructions = DeltaRows.Convert(converter, "Kennel", DeltaPhase.Upserts, rows)
            .Concat(DeltaRows.Convert(converter, "Kennel", DeltaPhase.Deletes, rows));

        Assert.That(instructions, Is.EqualTo(new Instruction[]
        {
            new InsertInstruction("Kennel", new UuidValue(KennelId), Values(("id", new UuidValue(KennelId)), ("city", new StringValue("Bergen")))),
            new DeleteInstruction("Kennel", new UuidValue(Guid.Empty)),
        }));
    }

    [Test]
    public void Rows_written_by_the_connector_are_ignored_in_every_phase()
    {
        var ours = Row("Dog", "D", 7L, context: OurContext, gone: true);
        var theirs = Row("Dog", "D", 8L, context: [1, 2, 3], gone: true);

        Assert.That(DeltaRows.Convert(Converter(), "Dog", DeltaPhase.Deletes, ours, theirs), Is.EqualTo(new Instruction[] { new DeleteInstruction("Dog", new IntValue(8)) }));
        Assert.That(DeltaRows.Convert(Converter(), "Dog", DeltaPhase.Upserts, Row("Dog", "I", 9L, context: OurContext)), Is.Empty);
    }

    [Test]
    public void A_class_without_primary_key_is_identified_by_its_object_id_string() =>
        Assert.That(
            DeltaRows.Convert(Converter(), "Note", DeltaPhase.Upserts, Row("Note", "I", "{0002-0000}", new { text = "hi" })),
            Is.EqualTo(new Instruction[] { new InsertInstruction("Note", new StringValue("{0002-0000}"), Values(("text", new StringValue("hi")))) }));

    [Test]
    public void Link_columns_carry_the_target_identity_and_links_closing_a_cycle_follow_in_a_later_set()
    {
        var converter = Converter();
        var row = Row("Dog", "I", 7L, new { owner = "ann", kennel = KennelId });

        Assert.That(converter.Order.Classes.Select(c => c.Class.Name), Is.EqualTo(new[] { "Kennel", "Every", "Note", "Person", "Dog" }));
        Assert.That(DeltaRows.Convert(converter, "Dog", DeltaPhase.Upserts, row), Is.EqualTo(new Instruction[]
        {
            new InsertInstruction("Dog", new IntValue(7), Values(("id", new IntValue(7)), ("owner", new StringValue("ann")), ("kennel", new UuidValue(KennelId)))),
        }));
        Assert.That(DeltaRows.Convert(converter, "Person", DeltaPhase.Upserts, Row("Person", "I", "ann", new { best = 7L, friend = "bob" })), Is.EqualTo(new Instruction[]
        {
            new InsertInstruction("Person", new StringValue("ann"), Values(("name", new StringValue("ann")), ("age", RealmValue.Null))),
        }));
        Assert.That(DeltaRows.Convert(converter, "Person", DeltaPhase.DeferredLinks, Row("Person", "I", "ann", new { best = 7L, friend = "bob" })), Is.EqualTo(new Instruction[]
        {
            new SetInstruction("Person", new StringValue("ann"), Values(("best", new IntValue(7)), ("friend", new StringValue("bob")))),
        }));
    }

    [Test]
    public void A_mixed_value_holding_a_link_waits_for_the_deferred_phase()
    {
        var row = Row("Every", "U", new byte[12], new { m = """["link", "Dog", 7]""" });
        var converter = Converter();

        var upserts = (SetInstruction)DeltaRows.Convert(converter, "Every", DeltaPhase.Upserts, row).Single();
        var late = (SetInstruction)DeltaRows.Convert(converter, "Every", DeltaPhase.DeferredLinks, row).Single();

        Assert.That(upserts.Values.Find("m"), Is.Null);
        Assert.That(late.Values, Is.EqualTo(Values(("m", new LinkValue("Dog", new IntValue(7))))));
    }

    [Test]
    public void A_list_of_objects_is_cleared_and_refilled_in_position_order_and_owners_gone_are_skipped()
    {
        var instructions = Collection(Converter(), "Person", "dogs",
            ["ann", "ann", 0, 7L], ["ann", "ann", 1, 3L], ["bob", null, null, null], ["cy", "cy", null, null]);

        var ann = new StringValue("ann");
        Assert.That(instructions, Is.EqualTo(new Instruction[]
        {
            new ListClearInstruction("Person", ann, "dogs"),
            new ListInsertInstruction("Person", ann, "dogs", 0, new IntValue(7)),
            new ListInsertInstruction("Person", ann, "dogs", 1, new IntValue(3)),
            new ListClearInstruction("Person", new StringValue("cy"), "dogs"),
        }));
    }

    [Test]
    public void Primitive_lists_and_dictionaries_are_set_whole()
    {
        var list = Collection(Converter(), "Person", "tags", ["ann", "ann", 0, "a"], ["ann", "ann", 1, "b"]);
        var dictionary = Collection(Converter(), "Person", "scores", ["ann", "ann", "x", 1L], ["ann", "ann", "y", null]);

        Assert.That(list, Is.EqualTo(new Instruction[]
        {
            new SetInstruction("Person", new StringValue("ann"), Values(("tags", new ListValue([new StringValue("a"), new StringValue("b")])))),
        }));
        Assert.That(dictionary, Is.EqualTo(new Instruction[]
        {
            new SetInstruction("Person", new StringValue("ann"), Values(("scores", new DictionaryValue([KeyValuePair.Create("x", (RealmValue)new IntValue(1)), KeyValuePair.Create("y", (RealmValue)RealmValue.Null)])))),
        }));
    }

    [Test]
    public void A_bad_mixed_value_names_the_table_and_the_key()
    {
        var row = Row("Every", "U", new byte[12], new { m = "not json" });

        Assert.That(() => DeltaRows.Convert(Converter(), "Every", DeltaPhase.Upserts, row),
            Throws.TypeOf<ChangeTrackingException>().With.Message.Contains("[app].[Every]").And.Message.Contains("0x000000000000000000000000"));
    }
}
