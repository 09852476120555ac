using Connector.Adapter;
using Connector.RealmSchema;
using static Connector.Tests.Model.ModelFixture;

namespace Connector.Tests.Model;

/// <summary>What each database cannot hold: refused whole, at the first instruction giving it; held by Realm.</summary>
public sealed class ModelValueLimitTests
{
    private static readonly AddTypeInstruction VClass = new("V", [
        new("id", RealmPropertyType.String), new("f", RealmPropertyType.Float, Optional: true), new("d", RealmPropertyType.Double, Optional: true),
        new("dec", RealmPropertyType.Decimal128, Optional: true), new("at", RealmPropertyType.Date, Optional: true),
        new("s", RealmPropertyType.String, Optional: true), new("idx", RealmPropertyType.String, Optional: true, Indexed: true),
        new("m", RealmPropertyType.Mixed, Optional: true), new("map", RealmPropertyType.Int, CollectionKind.Dictionary),
        new("nums", RealmPropertyType.Double, CollectionKind.List), new("note", RealmPropertyType.Object, ObjectType: "Note"),
        new("flag", RealmPropertyType.Bool)], "id");

    private static readonly string Long451 = new('x', 451);

    [Test]
    public void Nan_and_infinities_outside_mixed_are_refused_by_sql_server_only()
    {
        Assert.That(Outcomes(("d", new DoubleValue(double.NaN))), Is.EqualTo((Refused1, Applied, Applied)));
        Assert.That(Outcomes(("f", new FloatValue(float.NegativeInfinity))), Is.EqualTo((Refused1, Applied, Applied)));
        Assert.That(Outcomes(("nums", List(new DoubleValue(1), new DoubleValue(double.PositiveInfinity)))), Is.EqualTo((Refused1, Applied, Applied)));
        Assert.That(Outcomes(("m", new DoubleValue(double.NaN))), Is.EqualTo((Applied, Applied, Applied)), "mixed is tagged JSON text");
    }

    [TestCase("NaN")]
    [TestCase("-Infinity")]
    [TestCase("1E-19")]
    [TestCase("123456789012345678901")]
    [TestCase("+1000E+6111")]
    public void A_decimal_beyond_decimal_38_18_is_refused_by_sql_server_only(string text) =>
        Assert.That(Outcomes(("dec", new Decimal128Value(text))), Is.EqualTo((Refused1, Applied, Applied)));

    [TestCase("99999999999999999999.999999999999999999")]
    [TestCase("1.5000000000000000000000")]
    public void A_decimal_within_decimal_38_18_is_held_everywhere(string text) =>
        Assert.That(Outcomes(("dec", new Decimal128Value(text))), Is.EqualTo((Applied, Applied, Applied)));

    [Test]
    public void Dates_outside_years_1_to_9999_are_refused_by_both_databases()
    {
        Assert.That(Outcomes(("at", new TimestampValue(-62_135_596_801, 0))), Is.EqualTo((Refused1, Refused1, Applied)));
        Assert.That(Outcomes(("at", new TimestampValue(253_402_300_800, 0))), Is.EqualTo((Refused1, Refused1, Applied)));
        Assert.That(Outcomes(("at", new TimestampValue(-62_135_596_800, 0))), Is.EqualTo((Applied, Applied, Applied)), "0001-01-01");
        Assert.That(Outcomes(("at", new TimestampValue(253_402_300_799, 999_999_999))), Is.EqualTo((Applied, Applied, Applied)), "9999-12-31T23:59:59.999999999");
    }

    [Test]
    public void Key_indexed_and_dictionary_key_strings_have_lengths_but_other_strings_do_not()
    {
        Assert.That(Outcomes(("idx", S(Long451))), Is.EqualTo((Refused1, Refused1, Applied)));
        Assert.That(Outcomes(("idx", S(Long451[1..]))), Is.EqualTo((Applied, Applied, Applied)));
        Assert.That(Outcomes(("s", S(Long451 + Long451))), Is.EqualTo((Applied, Applied, Applied)));
        Assert.That(Outcomes(("map", new DictionaryValue([KeyValuePair.Create(new string('k', 401), (RealmValue)I(1))]))), Is.EqualTo((Refused1, Refused1, Applied)));
        Assert.That(Outcomes(("map", new DictionaryValue([KeyValuePair.Create(new string('k', 400), (RealmValue)I(1))]))), Is.EqualTo((Applied, Applied, Applied)));
        Assert.That(Outcomes(("m", new DictionaryValue([KeyValuePair.Create(new string('k', 401), (RealmValue)I(1))]) { InMixed = true })),
            Is.EqualTo((Applied, Applied, Applied)), "a dictionary nested in mixed is JSON text, not a dictionary table");
    }

    [Test]
    public void A_primary_key_an_opaque_identity_and_a_link_are_held_to_their_key_column()
    {
        Assert.That(Outcomes(new InsertInstruction("V", S(Long451), PropertyValues.Empty)), Is.EqualTo((Refused1, Refused1, Applied)));
        Assert.That(Outcomes(new InsertInstruction("Note", S(new string('n', 65)), PropertyValues.Empty)), Is.EqualTo((Refused1, Refused1, Applied)));
        Assert.That(Outcomes(new InsertInstruction("Note", S(new string('n', 64)), PropertyValues.Empty)), Is.EqualTo((Applied, Applied, Applied)));
        var longNote = new string('n', 65);
        var outcome = Model(ModelOptions.Realm).Apply(Transaction(3,
            new InsertInstruction("Note", S(longNote), PropertyValues.Empty), new SetInstruction("V", S("v"), Values(("note", S(longNote))))));
        Assert.That(outcome.Status, Is.EqualTo(ModelStatus.Applied));
        var linked = Model(ModelOptions.SqlServer).Apply(Transaction(3,
            new AddPropertiesInstruction("V", [new("other", RealmPropertyType.Object, ObjectType: "Note")]),
            new SetInstruction("V", S("v"), Values(("other", S(longNote))))));
        Assert.That((linked.Status, linked.InstructionIndex), Is.EqualTo((ModelStatus.Refused, 1)), "the link is checked before the object it names is looked for");
    }

    [Test]
    public void A_nul_character_anywhere_is_refused_by_postgres_only()
    {
        Assert.That(Outcomes(("s", S("a\0b"))), Is.EqualTo((Applied, Refused1, Applied)));
        Assert.That(Outcomes(("m", new ListValue([new DictionaryValue([KeyValuePair.Create("k\0", (RealmValue)I(1))]) { InMixed = true }]) { InMixed = true })),
            Is.EqualTo((Applied, Refused1, Applied)), "a key of a dictionary nested in mixed");
        Assert.That(Outcomes(("map", new DictionaryValue([KeyValuePair.Create("\0", (RealmValue)I(1))]))), Is.EqualTo((Applied, Refused1, Applied)));
        Assert.That(Outcomes(new InsertInstruction("V", S("\0"), PropertyValues.Empty)), Is.EqualTo((Applied, Refused1, Applied)));
    }

    [Test]
    public void Dictionary_keys_differing_only_by_trailing_spaces_are_refused_by_sql_server_only() =>
        Assert.That(Outcomes(("map", new DictionaryValue([KeyValuePair.Create("a", (RealmValue)I(1)), KeyValuePair.Create("a ", (RealmValue)I(2))]))),
            Is.EqualTo((Refused1, Applied, Applied)));

    [Test]
    public void A_lone_surrogate_is_refused_by_postgres_only_and_a_paired_one_is_held()
    {
        Assert.That(Outcomes(("s", S("a\uD800b"))), Is.EqualTo((Applied, Refused1, Applied)));
        Assert.That(Outcomes(("s", S("\uDC00"))), Is.EqualTo((Applied, Refused1, Applied)));
        Assert.That(Outcomes(("m", S("end\uD83D"))), Is.EqualTo((Applied, Refused1, Applied)), "inside mixed too");
        Assert.That(Outcomes(("s", S("\uD83D\uDE00"))), Is.EqualTo((Applied, Applied, Applied)));
    }

    [Test]
    public void A_required_property_added_later_reads_its_type_zero_on_older_objects()
    {
        var model = Model(ModelOptions.Realm);
        model.Applied(3, new AddPropertiesInstruction("V", [new("count", RealmPropertyType.Int), new("at2", RealmPropertyType.Date)]));

        Assert.That((model.Value("V", S("v"), "count"), model.Value("V", S("v"), "at2"), model.Value("V", S("v"), "flag"), model.Value("V", S("v"), "s")),
            Is.EqualTo(((RealmValue)I(0), (RealmValue)new TimestampValue(0, 0), (RealmValue)new BoolValue(false), (RealmValue)RealmValue.Null)));
    }

    private static (ModelStatus, int?) Applied => (ModelStatus.Applied, null);

    private static (ModelStatus, int?) Refused1 => (ModelStatus.Refused, 1);

    /// <summary>Version 3: an ordinary SET, then the instruction under test, under SQL Server, PostgreSQL and Realm.</summary>
    private static ((ModelStatus, int?), (ModelStatus, int?), (ModelStatus, int?)) Outcomes(Instruction instruction)
    {
        (ModelStatus, int?) Under(ModelOptions options)
        {
            var outcome = Model(options).Apply(Transaction(3, new SetInstruction("V", S("v"), Values(("s", S("ok")))), instruction));
            return (outcome.Status, outcome.InstructionIndex);
        }

        return (Under(ModelOptions.SqlServer), Under(ModelOptions.Postgres), Under(ModelOptions.Realm));
    }

    private static ((ModelStatus, int?), (ModelStatus, int?), (ModelStatus, int?)) Outcomes((string Name, RealmValue Value) value) =>
        Outcomes(new SetInstruction("V", S("v"), Values(value)));

    private static RealmModel Model(ModelOptions options)
    {
        var model = NewModel(options);
        model.Applied(2, VClass, new InsertInstruction("V", S("v"), ModelFixture.Values(("id", S("v")))));
        return model;
    }
}
