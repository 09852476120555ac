using Connector.Adapter;
using Connector.RealmSchema;
using static Connector.Tests.Adapter.AdapterJson;

namespace Connector.Tests.Adapter;

/// <summary>
/// NaN, Infinity and -Infinity, which Realm stores in float and double (ADAPTER-PROTOCOL.md section 3): accepted
/// where a float, a double or a mixed is expected, refused by name anywhere else.
/// </summary>
public sealed class NonFiniteValueTests
{
    private const string Path = "$.instructions[3].values.v";

    private static RealmValue Coerce(string json, RealmPropertyType type, CollectionKind collection = CollectionKind.None, bool optional = false) =>
        ValueCoercion.Coerce(DecodeValue(json), new RealmProperty("v", type, collection, optional, null), Path);

    private static string Error(string json, RealmPropertyType type, CollectionKind collection = CollectionKind.None) =>
        Assert.Throws<AdapterFormatException>(() => Coerce(json, type, collection))!.Message;

    [TestCase("[\"double\",\"NaN\"]", double.NaN)]
    [TestCase("[\"float\",\"Infinity\"]", double.PositiveInfinity)]
    [TestCase("[\"double\",\"-Infinity\"]", double.NegativeInfinity)]
    public void A_tagged_non_finite_number_is_a_double_for_a_double_property(string json, double expected) =>
        Assert.That(Coerce(json, RealmPropertyType.Double), Is.EqualTo(new DoubleValue(expected)));

    [TestCase("[\"float\",\"NaN\"]", float.NaN)]
    [TestCase("[\"double\",\"Infinity\"]", float.PositiveInfinity)]
    [TestCase("[\"float\",\"-Infinity\"]", float.NegativeInfinity)]
    public void A_tagged_non_finite_number_is_a_float_for_a_float_property(string json, float expected) =>
        Assert.That(Coerce(json, RealmPropertyType.Float), Is.EqualTo(new FloatValue(expected)));

    [Test]
    public void Minus_zero_keeps_its_sign_through_decoding_and_coercion()
    {
        var value = (DoubleValue)Coerce("-0.0", RealmPropertyType.Double);
        var single = (FloatValue)Coerce("-0.0", RealmPropertyType.Float);

        Assert.That(double.IsNegative(value.Value) && value.Value == 0, Is.True);
        Assert.That(float.IsNegative(single.Value) && single.Value == 0, Is.True);
    }

    [Test]
    public void Tagged_non_finite_numbers_are_elements_of_lists_sets_and_dictionaries()
    {
        Assert.That(
            Coerce("[1,[\"double\",\"NaN\"],-0.0]", RealmPropertyType.Double, CollectionKind.List),
            Is.EqualTo(new ListValue([new DoubleValue(1), new DoubleValue(double.NaN), new DoubleValue(-0.0)])));
        Assert.That(
            Coerce("[[\"float\",\"-Infinity\"],null]", RealmPropertyType.Float, CollectionKind.Set, optional: true),
            Is.EqualTo(new ListValue([new FloatValue(float.NegativeInfinity), RealmValue.Null])));
        Assert.That(
            Coerce("{\"k\":[\"double\",\"Infinity\"]}", RealmPropertyType.Double, CollectionKind.Dictionary),
            Is.EqualTo(new DictionaryValue([KeyValuePair.Create<string, RealmValue>("k", new DoubleValue(double.PositiveInfinity))])));
    }

    [Test]
    public void A_tagged_non_finite_number_is_kept_as_it_is_in_a_mixed()
    {
        Assert.That(Coerce("[\"float\",\"NaN\"]", RealmPropertyType.Mixed), Is.EqualTo(new FloatValue(float.NaN)));
        Assert.That(Coerce("[\"double\",\"-Infinity\"]", RealmPropertyType.Mixed), Is.EqualTo(new DoubleValue(double.NegativeInfinity)));
    }

    [Test]
    public void A_string_list_holding_the_two_strings_double_and_NaN_is_exactly_those_strings() =>
        Assert.That(
            Coerce("[\"double\",\"NaN\"]", RealmPropertyType.String, CollectionKind.List),
            Is.EqualTo(new ListValue([new StringValue("double"), new StringValue("NaN")])));

    [TestCase(RealmPropertyType.String, "expected a string")]
    [TestCase(RealmPropertyType.Int, "expected an integer")]
    [TestCase(RealmPropertyType.Decimal128, "expected [\"decimal128\", \"<decimal string>\"]")]
    public void A_tagged_NaN_where_no_float_belongs_is_refused_as_it_was_written(RealmPropertyType type, string expected) =>
        Assert.That(Error("[\"double\",\"NaN\"]", type), Is.EqualTo($"{Path}: {expected}, found [\"double\",\"NaN\"]"));

    [Test]
    public void A_tagged_NaN_in_a_list_of_strings_is_refused_at_its_element() =>
        Assert.That(
            Error("[\"a\",[\"float\",\"Infinity\"]]", RealmPropertyType.String, CollectionKind.List),
            Is.EqualTo($"{Path}[1]: expected a string, found [\"float\",\"Infinity\"]"));

    [Test]
    public void NaN_spelled_in_lower_case_is_refused_with_the_spelling_that_works() =>
        Assert.That(
            Error("[\"double\",\"nan\"]", RealmPropertyType.Double),
            Is.EqualTo($"{Path}: expected a number, or [\"double\", \"NaN\"], [\"double\", \"Infinity\"] or [\"double\", \"-Infinity\"] " +
                "spelled exactly so, found [\"double\",\"nan\"]"));

    [Test]
    public void Infinity_spelled_short_for_a_float_is_refused_with_the_spelling_that_works() =>
        Assert.That(
            Error("[\"float\",\"Inf\"]", RealmPropertyType.Float),
            Is.EqualTo($"{Path}: expected a number, or [\"float\", \"NaN\"], [\"float\", \"Infinity\"] or [\"float\", \"-Infinity\"] " +
                "spelled exactly so, found [\"float\",\"Inf\"]"));

    [Test]
    public void A_written_transaction_with_NaN_and_infinities_reads_back_the_same()
    {
        var values = Values(
            ("d", new DoubleValue(double.NaN)),
            ("f", new FloatValue(float.PositiveInfinity)),
            ("z", new DoubleValue(-0.0)),
            ("l", new ListValue([new DoubleValue(double.NegativeInfinity), new FloatValue(float.NaN)])),
            ("m", new DictionaryValue([KeyValuePair.Create<string, RealmValue>("x", new DoubleValue(double.NaN))])),
            ("dec", new Decimal128Value("-Infinity")));
        var json = AdapterCodec.Encode(Of(new SetInstruction("A", new StringValue("a"), values)));

        Assert.That(json, Does.Contain(
            "\"values\":{\"d\":[\"double\",\"NaN\"],\"f\":[\"float\",\"Infinity\"],\"z\":-0.0," +
            "\"l\":[[\"double\",\"-Infinity\"],[\"float\",\"NaN\"]],\"m\":{\"x\":[\"double\",\"NaN\"]},\"dec\":[\"decimal128\",\"-Infinity\"]}"));
        Assert.That(((SetInstruction)AdapterCodec.Decode(json).Instructions[0]).Values.Entries, Is.EqualTo(values.Entries));
    }
}
