using Connector.Applier;
using Connector.SqlServer.Applier;
using static Connector.Tests.Applier.PlannerFixture;

namespace Connector.Tests.SqlServer.Applier;

/// <summary>
/// The queries that decide whether a call would hide a SQL change not yet sent to Realm by re-tagging rows it
/// rewrites beyond those Realm named: exact for some cases, and for every DELETE, CLEAR, CHANGE_IDENTITY and LIST_*
/// of the sample, parsed, checked column by column and validated inside the model.
/// </summary>
public class CascadeCheckTests
{
    private static IEnumerable<PlannedCall> CascadingCalls() =>
    [
        .. Plan("""{"type":"DELETE","object_type":"Dog","identity":"Rex"}""").Calls,
        .. Plan($$"""{"type":"DELETE","object_type":"Person","identity":{{Ada}}}""").Calls,
        .. Plan("""{"type":"CLEAR","object_type":"Person"}""").Calls,
        .. Plan("""{"type":"CHANGE_IDENTITY","object_type":"Reading","identity":"{a}","new_identity":"{b}"}""").Calls,
        .. ListCalls(),
    ];

    /// <summary>One LIST_* of each kind on Ada's dogs.</summary>
    private static System.Collections.Immutable.ImmutableArray<PlannedCall> ListCalls() => Plan(
        $$"""{"type":"LIST_INSERT","object_type":"Person","identity":{{Ada}},"property":"dogs","list_index":2,"object_identity":"Rex"}""" + "," +
        $$"""{"type":"LIST_SET","object_type":"Person","identity":{{Ada}},"property":"dogs","list_index":2,"object_identity":"Rex"}""" + "," +
        $$"""{"type":"LIST_ERASE","object_type":"Person","identity":{{Ada}},"property":"dogs","list_index":2}""" + "," +
        $$"""{"type":"LIST_CLEAR","object_type":"Person","identity":{{Ada}},"property":"dogs"}""").Calls;

    [TestCase(CallKind.ListInsert, " AND ct.[_position] >= @index")]
    [TestCase(CallKind.ListSet, " AND ct.[_position] = @index")]
    [TestCase(CallKind.ListErase, " AND ct.[_position] >= @index")]
    [TestCase(CallKind.ListClear, "")]
    public void A_list_edit_checks_the_elements_of_its_owner_it_shifts_rewrites_or_removes_deleted_ones_included(CallKind kind, string positions)
    {
        var queries = CascadeCheck.Queries(Sample, ListCalls().Single(c => c.Kind == kind));

        Assert.That(queries.Select(q => q.Table.Name), Is.EqualTo(new[] { "Person__dogs" }));
        Assert.That(queries[0].Sql, Is.EqualTo(
            "SELECT TOP (1) 1 FROM CHANGETABLE(CHANGES [dbo].[Person__dogs], @watermark) AS ct\n" +
            $"WHERE ct.[_owner] = @owner{positions}\n" +
            "AND ISNULL(ct.SYS_CHANGE_CONTEXT, 0x) <> @context;"));
    }

    [Test]
    public void The_check_of_a_list_edit_sends_its_owner_and_index_typed_as_the_call_sends_them()
    {
        var call = ListCalls().First(c => c.Kind == CallKind.ListInsert);

        using var check = PlanExecutor.CheckCommand(null, null, CascadeCheck.Queries(Sample, call)[0].Sql, 41, call);
        var parameters = check.Parameters.Cast<Microsoft.Data.SqlClient.SqlParameter>().ToDictionary(p => p.ParameterName);

        Assert.That(parameters.Keys, Is.EqualTo(new[] { "@watermark", "@context", "@owner", "@index", "@target" }));
        Assert.That((parameters["@watermark"].Value, parameters["@context"].Value), Is.EqualTo(((object)41L, (object)"realm-sqlserver"u8.ToArray())));
        Assert.That((parameters["@owner"].SqlDbType, parameters["@owner"].Size, parameters["@owner"].Value),
            Is.EqualTo((System.Data.SqlDbType.Binary, 12, (object)Convert.FromHexString("5f1b2c3d4e5f60718293a4b5"))));
        Assert.That((parameters["@index"].SqlDbType, parameters["@index"].Value), Is.EqualTo((System.Data.SqlDbType.Int, (object)2)));
    }

    [Test]
    public void Deleting_a_list_target_checks_every_change_to_the_lists_that_hold_it_deleted_elements_included()
    {
        var queries = CascadeCheck.Queries(Sample, Plan("""{"type":"DELETE","object_type":"Dog","identity":"Rex"}""").Calls.Single());

        // Closing up re-creates keys: an element SQL deleted (a gap) is re-created under the connector's context
        // unless the check sees its delete, which only CHANGES reports (VERSION sees the rows present).
        Assert.That(queries.Select(q => q.Table.Name), Is.EqualTo(new[] { "Person__dogs" }));
        Assert.That(queries[0].Sql, Is.EqualTo(
            "SELECT TOP (1) 1 FROM CHANGETABLE(CHANGES [dbo].[Person__dogs], @watermark) AS ct\n" +
            "WHERE ct.[_owner] IN (SELECT l.[_owner] FROM [dbo].[Person__dogs] AS l WHERE l.[_target] IN (SELECT k.[key] FROM @keys AS k))\n" +
            "AND ISNULL(ct.SYS_CHANGE_CONTEXT, 0x) <> @context;"));
    }

    [Test]
    public void Calls_without_cascades_need_no_check() =>
        Assert.That(Plan("""{"type":"INSERT","object_type":"Dog","identity":"Rex","values":{"name":"Rex"}}""").Calls.SelectMany(c => CascadeCheck.Queries(Sample, c)), Is.Empty);

    [Test]
    public void Every_cascade_check_parses_and_validates_inside_the_model_naming_existing_columns()
    {
        using var model = new QueryModel(Sample);
        foreach (var call in CascadingCalls())
        {
            foreach (var (_, sql) in CascadeCheck.Queries(Sample, call))
            {
                model.Add(sql, QueryModel.Parameters(call.Arguments));
            }
        }

        Assert.That(model.Count, Is.EqualTo(7), "Person__dogs for Dog, Person.bestFriend for the DELETE and the CLEAR of Person, Person__dogs for each LIST_*; Reading has no references");
        Assert.That(model.Validate(), Is.Empty);
    }
}
