using Connector.Adapter;
using Connector.RealmSchema;
using static Connector.Tests.Adapter.AdapterJson;

namespace Connector.Tests.Adapter;

public sealed class ValueCoercionTests
{
    private const string Path = "$.instructions[3].values.v";

    private static RealmValue Coerce(RealmValue value, RealmPropertyType type, CollectionKind collection = CollectionKind.None, bool optional = false) =>
        ValueCoercion.Coerce(value, new RealmProperty("v", type, collection, optional, type == RealmPropertyType.Object ? "Dog" : null), Path);

    private static string Error(RealmValue value, RealmPropertyType type, CollectionKind collection = CollectionKind.None) =>
        Assert.Throws<AdapterFormatException>(() => Coerce(value, type, collection))!.Message;

    [Test]
    public void Integer_for_int_is_kept_exactly() =>
        Assert.That(Coerce(new IntValue(long.MinValue), RealmPropertyType.Int), Is.EqualTo(new IntValue(long.MinValue)));

    [Test]
    public void String_for_int_names_path_and_value() =>
        Assert.That(Error(new StringValue("x"), RealmPropertyType.Int), Is.EqualTo("$.instructions[3].values.v: expected an integer, found \"x\""));

    [Test]
    public void Double_for_int_is_refused() =>
        Assert.That(Error(new DoubleValue(3.0), RealmPropertyType.Int), Is.EqualTo($"{Path}: expected an integer, found 3.0"));

    [Test]
    public void Integer_for_double_becomes_a_double() =>
        Assert.That(Coerce(new IntValue(3), RealmPropertyType.Double), Is.EqualTo(new DoubleValue(3)));

    [Test]
    public void Double_for_float_is_rounded_to_float() =>
        Assert.That(Coerce(new DoubleValue(0.1), RealmPropertyType.Float), Is.EqualTo(new FloatValue(0.1f)));

    [Test]
    public void Double_beyond_float_range_is_refused() =>
        Assert.That(
            Error(new DoubleValue(1e39), RealmPropertyType.Float),
            Is.EqualTo($"{Path}: 1E+39 is outside the range of a float (±3.4028235E+38)"));

    [Test]
    public void Null_for_required_property_is_refused() =>
        Assert.That(Error(RealmValue.Null, RealmPropertyType.String), Is.EqualTo($"{Path}: 'v' is not optional, found null; give it a string value"));

    [Test]
    public void Null_for_to_one_link_is_kept() =>
        Assert.That(Coerce(RealmValue.Null, RealmPropertyType.Object), Is.EqualTo(RealmValue.Null));

    [Test]
    public void String_identity_for_to_one_link_is_kept() =>
        Assert.That(Coerce(new StringValue("rex"), RealmPropertyType.Object), Is.EqualTo(new StringValue("rex")));

    [Test]
    public void Bool_for_link_is_refused() =>
        Assert.That(
            Error(new BoolValue(true), RealmPropertyType.Object),
            Is.EqualTo($"{Path}: expected the identity of a 'Dog' (a string or an integer) or null, found true"));

    [Test]
    public void Integer_for_decimal128_keeps_its_digits() =>
        Assert.That(Coerce(new IntValue(long.MaxValue), RealmPropertyType.Decimal128), Is.EqualTo(new Decimal128Value("9223372036854775807")));

    [Test]
    public void Invalid_uuid_tag_is_reported_against_a_uuid_property() =>
        Assert.That(
            Error(DecodeValue("[\"uuid\",\"nope\"]"), RealmPropertyType.Uuid),
            Is.EqualTo($"{Path}: expected [\"uuid\", \"<8-4-4-4-12>\"], found [\"uuid\",\"nope\"]"));

    [Test]
    public void Date_for_date_is_kept() =>
        Assert.That(Coerce(new TimestampValue(1, 2), RealmPropertyType.Date), Is.EqualTo(new TimestampValue(1, 2)));

    [Test]
    public void Mixed_keeps_any_value() =>
        Assert.That(Coerce(new LinkValue("Dog", new IntValue(1)), RealmPropertyType.Mixed), Is.EqualTo(new LinkValue("Dog", new IntValue(1))));

    [Test]
    public void String_list_decoded_as_a_tag_is_a_list_again() =>
        Assert.That(
            Coerce(DecodeValue("[\"data\",\"x\"]"), RealmPropertyType.String, CollectionKind.List),
            Is.EqualTo(new ListValue([new StringValue("data"), new StringValue("x")])));

    [Test]
    public void Int_list_elements_are_checked_with_their_index() =>
        Assert.That(
            Error(DecodeValue("[1,\"two\"]"), RealmPropertyType.Int, CollectionKind.List),
            Is.EqualTo($"{Path}[1]: expected an integer, found \"two\""));

    [Test]
    public void Double_set_elements_are_coerced() =>
        Assert.That(
            Coerce(DecodeValue("[1,2.5]"), RealmPropertyType.Double, CollectionKind.Set),
            Is.EqualTo(new ListValue([new DoubleValue(1), new DoubleValue(2.5)])));

    [Test]
    public void Dictionary_values_are_checked_with_their_key() =>
        Assert.That(
            Error(DecodeValue("{\"a\":1,\"b\":true}"), RealmPropertyType.Int, CollectionKind.Dictionary),
            Is.EqualTo($"{Path}.b: expected an integer, found true"));

    [Test]
    public void Optional_list_elements_may_be_null() =>
        Assert.That(
            Coerce(DecodeValue("[null]"), RealmPropertyType.Int, CollectionKind.List, optional: true),
            Is.EqualTo(new ListValue([RealmValue.Null])));

    [Test]
    public void Scalar_for_list_is_refused() =>
        Assert.That(Error(new IntValue(1), RealmPropertyType.Int, CollectionKind.List), Is.EqualTo($"{Path}: expected a JSON array, found 1"));

    [Test]
    public void List_of_links_in_values_is_refused() =>
        Assert.That(
            Error(new ListValue([]), RealmPropertyType.Object, CollectionKind.List),
            Is.EqualTo($"{Path}: 'v' is a list of links, which changes only through LIST_* instructions, never in values"));

    [Test]
    public void Error_derives_the_instruction_index_from_the_path() =>
        Assert.That(
            Assert.Throws<AdapterFormatException>(() => Coerce(new StringValue("x"), RealmPropertyType.Int))!.InstructionIndex,
            Is.EqualTo(3));
}
