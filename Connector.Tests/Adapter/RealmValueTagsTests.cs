using Connector.Adapter;
using static Connector.Tests.Adapter.AdapterJson;

namespace Connector.Tests.Adapter;

public sealed class RealmValueTagsTests
{
    [TestCase("[\"date\",5]")]
    [TestCase("[\"timestamp\",5,0]")]
    [TestCase("[\"timestamp\",5,1]")]
    [TestCase("[\"data\",\"hello\"]")]
    [TestCase("[\"data64\",\"aGk=\"]")]
    [TestCase("[\"objectId\",\"0123456789ABCDEF01234567\"]")]
    [TestCase("[\"uuid\",\"6BA7B810-9DAD-11D1-80B4-00C04FD430C8\"]")]
    [TestCase("[\"decimal128\",\"1e5\"]")]
    [TestCase("[\"link\",\"Dog\",null]")]
    [TestCase("[\"double\",\"NaN\"]")]
    [TestCase("[\"float\",\"-Infinity\"]")]
    public void Untagged_list_is_exactly_the_json_elements_read(string json) =>
        Assert.That(AdapterValueWriter.ToJson(RealmValueTags.AsUntaggedList(DecodeValue(json))), Is.EqualTo(json));

    [Test]
    public void Untagged_list_of_a_built_date_is_its_canonical_form() =>
        Assert.That(
            RealmValueTags.AsUntaggedList(new TimestampValue(1, 0)),
            Is.EqualTo(new ListValue([new StringValue("date"), new IntValue(1000)])));

    [Test]
    public void Untagged_list_leaves_other_values_unchanged() =>
        Assert.That(RealmValueTags.AsUntaggedList(new StringValue("x")), Is.EqualTo(new StringValue("x")));

    [Test]
    public void Negative_milliseconds_keep_the_sign_in_both_parts() =>
        Assert.That(RealmValueTags.FromMilliseconds(-1500), Is.EqualTo(new TimestampValue(-1, -500_000_000)));

    [Test]
    public void Timestamp_with_sub_millisecond_precision_has_no_milliseconds() =>
        Assert.That(RealmValueTags.ToMilliseconds(new TimestampValue(1, 1)), Is.Null);
}
