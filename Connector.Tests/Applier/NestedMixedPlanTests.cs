using static Connector.Tests.Applier.PlannerFixture;

namespace Connector.Tests.Applier;

/// <summary>
/// A collection nested in mixed reaches the mixed column as its tagged JSON text; an untagged array or object as a
/// mixed value is bad input for the transaction, at its path, saying what to write.
/// </summary>
public class NestedMixedPlanTests
{
    [Test]
    public void A_list_of_date_and_5_in_a_mixed_is_stored_as_its_tagged_json_text()
    {
        var plan = Plan($$$"""{"type":"SET","object_type":"Person","identity":{{{Ada}}},"values":{"extra":["list",["date",5,["dictionary",{"k":["link","Dog","Rex"]}]]]}}""");

        Assert.That(Rows(plan.Calls.Single()).Single(), Does.Contain("[\"list\",[\"date\",5,[\"dictionary\",{\"k\":[\"link\",\"Dog\",\"Rex\"]}]]]"));
    }

    [Test]
    public void An_untagged_array_in_a_mixed_is_refused_at_its_path() =>
        Assert.That(
            Rejects($$$"""{"type":"SET","object_type":"Person","identity":{{{Ada}}},"values":{"extra":["list",[1,["a"]]]}}""").Message,
            Is.EqualTo("version 7: $.instructions[0].values.extra[1][1]: an untagged JSON array is not a mixed value: write a list nested in mixed as " +
                "[\"list\", [...]] (a dictionary as [\"dictionary\", {...}], a date as [\"date\", <ms>]); found [\"a\"]"));
}
