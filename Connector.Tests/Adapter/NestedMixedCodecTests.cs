using Connector.Adapter;
using Connector.RealmSchema;
using static Connector.Tests.Adapter.AdapterJson;
using static Connector.Tests.Adapter.NestedMixedValues;

namespace Connector.Tests.Adapter;

/// <summary>
/// Collections nested in mixed (ADAPTER-PROTOCOL.md section 3) are tagged at every depth, <c>["list", [...]]</c>
/// and <c>["dictionary", {...}]</c>, so that a list of "date" and 5 is never read as a date; an untagged array or
/// object as a mixed value is bad input.
/// </summary>
public sealed class NestedMixedCodecTests
{
    private const string Path = "$.instructions[0].values.v";

    private static RealmValue Coerce(string json, CollectionKind collection = CollectionKind.None) =>
        ValueCoercion.Coerce(DecodeValue(json), new RealmProperty("v", RealmPropertyType.Mixed, collection, true, null), Path);

    private static string Error(string json, CollectionKind collection = CollectionKind.None) =>
        Assert.Throws<AdapterFormatException>(() => Coerce(json, collection))!.Message;

    [Test]
    public void A_list_of_date_and_5_in_mixed_is_written_tagged_and_read_back_as_a_list()
    {
        var value = List(new StringValue("date"), new IntValue(5));

        Assert.That(AdapterValueWriter.ToJson(value), Is.EqualTo("[\"list\",[\"date\",5]]"));
        Assert.That(Coerce("[\"list\",[\"date\",5]]"), Is.EqualTo(value));
        Assert.That(Coerce("[\"date\",5]"), Is.EqualTo(new TimestampValue(0, 5_000_000)), "a tagged value in mixed is still that value");
    }

    [Test]
    public void A_dictionary_in_mixed_is_written_tagged_and_links_and_NaN_inside_stay_tagged()
    {
        var value = Dictionary(("a", List(new LinkValue("Dog", new StringValue("Rex")), new DoubleValue(double.NaN))), ("b", Dictionary()));

        Assert.That(
            AdapterValueWriter.ToJson(value),
            Is.EqualTo("[\"dictionary\",{\"a\":[\"list\",[[\"link\",\"Dog\",\"Rex\"],[\"double\",\"NaN\"]]],\"b\":[\"dictionary\",{}]}]"));
        Assert.That(Coerce(AdapterValueWriter.ToJson(value)), Is.EqualTo(value));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Nested_collections_in_mixed_round_trip_at_depth(int depth)
    {
        var (list, dictionary) = Nested(depth);

        Assert.That(Coerce(AdapterValueWriter.ToJson(list)), Is.EqualTo(list));
        Assert.That(Coerce(AdapterValueWriter.ToJson(dictionary)), Is.EqualTo(dictionary));
    }

    [Test]
    public void In_a_mixed_list_and_dictionary_property_the_property_is_a_plain_collection_and_its_elements_are_tagged()
    {
        var (list, dictionary) = Nested(2);
        var listProperty = new ListValue([new StringValue("list"), list, new TimestampValue(0, 5_000_000)]);
        var dictionaryProperty = new DictionaryValue([KeyValuePair.Create<string, RealmValue>("x", dictionary)]);

        Assert.That(AdapterValueWriter.ToJson(listProperty), Does.StartWith("[\"list\",[\"list\",["));
        Assert.That(Coerce(AdapterValueWriter.ToJson(listProperty), CollectionKind.List), Is.EqualTo(listProperty));
        Assert.That(Coerce(AdapterValueWriter.ToJson(dictionaryProperty), CollectionKind.Dictionary), Is.EqualTo(dictionaryProperty));
    }

    [Test]
    public void An_untagged_array_in_mixed_is_bad_input_saying_what_to_write() =>
        Assert.That(Error("[\"a\",1]"), Is.EqualTo(
            "$.instructions[0].values.v: an untagged JSON array is not a mixed value: write a list nested in mixed as " +
            "[\"list\", [...]] (a dictionary as [\"dictionary\", {...}], a date as [\"date\", <ms>]); found [\"a\",1]"));

    [Test]
    public void An_untagged_object_in_mixed_is_bad_input_saying_what_to_write() =>
        Assert.That(Error("{\"a\":1}"), Is.EqualTo(
            "$.instructions[0].values.v: an untagged JSON object is not a mixed value: write a dictionary nested in mixed as " +
            "[\"dictionary\", {...}]; found {\"a\":1}"));

    [TestCase("[\"list\",[1,[\"dictionary\",{\"k\":[\"list\",[[2]]]}]]]", "$.instructions[0].values.v[1][1][1].k[1][0]", "[2]")]
    [TestCase("[\"dictionary\",{\"k\":[\"list\",[{\"x\":1}]]}]", "$.instructions[0].values.v[1].k[1][0]", "{\"x\":1}")]
    [TestCase("[\"list\",{\"k\":1}]", "$.instructions[0].values.v", "[\"list\",{\"k\":1}]")]
    [TestCase("[\"dictionary\",[1]]", "$.instructions[0].values.v", "[\"dictionary\",[1]]")]
    public void An_untagged_collection_nested_in_mixed_is_refused_at_its_path(string json, string path, string found) =>
        Assert.That(Error(json), Does.StartWith(path + ": an untagged JSON ").And.EndWith("found " + found));

    [Test]
    public void An_untagged_array_as_an_element_of_a_mixed_list_is_refused_at_the_element() =>
        Assert.That(Error("[1,[2]]", CollectionKind.List), Does.StartWith("$.instructions[0].values.v[1]: an untagged JSON array"));
}
