using Connector.Adapter;
using Connector.Applier;
using Connector.ChangeTracking;
using Connector.RealmSchema;
using Connector.Sql;
using static Connector.Tests.Adapter.NestedMixedValues;

namespace Connector.Tests.ChangeTracking;

/// <summary>
/// A collection nested in mixed is stored in the mixed column as its tagged JSON text (<c>["list", [...]]</c>), and
/// the poller decodes that text back to the same value: the applier and the poller agree with the codec.
/// </summary>
public class MixedNestedRoundTripTests
{
    private static readonly SqlColumnType MixedColumn = SqlColumnType.Parse("nvarchar(max)");

    private static string Store(RealmValue value) => (string)SqlValueConverter.Convert(value, RealmPropertyType.Mixed, MixedColumn, "$")!;

    [Test]
    public void A_list_of_date_and_5_is_stored_as_a_tagged_list_and_decoded_back_as_that_list()
    {
        var value = List(new StringValue("date"), new IntValue(5));

        Assert.That(Store(value), Is.EqualTo("[\"list\",[\"date\",5]]"));
        Assert.That(SqlValueDecoder.Decode(Store(value), RealmPropertyType.Mixed), Is.EqualTo(value));
    }

    [Test]
    public void A_dictionary_holding_a_link_and_NaN_is_stored_tagged()
    {
        var value = Dictionary(("l", List(new LinkValue("Dog", new StringValue("Rex")), new DoubleValue(double.NaN))));

        Assert.That(Store(value), Is.EqualTo("[\"dictionary\",{\"l\":[\"list\",[[\"link\",\"Dog\",\"Rex\"],[\"double\",\"NaN\"]]]}]"));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Nested_collections_come_back_from_the_mixed_column_as_they_went_in(int depth)
    {
        var (list, dictionary) = Nested(depth);

        Assert.That(SqlValueDecoder.Decode(Store(list), RealmPropertyType.Mixed), Is.EqualTo(list));
        Assert.That(SqlValueDecoder.Decode(Store(dictionary), RealmPropertyType.Mixed), Is.EqualTo(dictionary));
    }

    [Test]
    public void An_untagged_array_in_a_mixed_column_is_refused_saying_what_to_write() =>
        Assert.That(
            Assert.Throws<AdapterFormatException>(() => SqlValueDecoder.Decode("[\"date\",5,1]", RealmPropertyType.Mixed))!.Message,
            Does.StartWith("$: an untagged JSON array is not a mixed value: write a list nested in mixed as [\"list\", [...]]"));
}
