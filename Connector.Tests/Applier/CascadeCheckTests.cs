using Connector.Applier;
using Connector.SchemaGeneration;
using Connector.Sql;
using Connector.Tests.SchemaGeneration;
using static Connector.Tests.Applier.PlannerFixture;

namespace Connector.Tests.Applier;

/// <summary>
/// The queries that decide whether a cascade would hide a SQL change not yet sent to Realm: exact for one case,
/// and for every DELETE, CLEAR and CHANGE_IDENTITY of the sample, parsed and validated inside the model.
/// </summary>
public class CascadeCheckTests
{
    private static IEnumerable<PlannedCall> CascadingCalls() =>
    [
        .. Plan("""{"type":"DELETE","object_type":"Dog","identity":"Rex"}""").Calls,
        .. Plan($$"""{"type":"DELETE","object_type":"Person","identity":{{Ada}}}""").Calls,
        .. Plan("""{"type":"CLEAR","object_type":"Person"}""").Calls,
        .. Plan("""{"type":"CHANGE_IDENTITY","object_type":"Reading","identity":"{a}","new_identity":"{b}"}""").Calls,
    ];

    [Test]
    public void Deleting_a_list_target_checks_every_element_of_the_lists_that_hold_it()
    {
        var queries = CascadeCheck.Queries(Sample, Plan("""{"type":"DELETE","object_type":"Dog","identity":"Rex"}""").Calls.Single());

        Assert.That(queries.Select(q => q.Table.Name), Is.EqualTo(new[] { "Person__dogs" }));
        Assert.That(queries[0].Sql, Is.EqualTo(
            "SELECT TOP (1) 1 FROM [dbo].[Person__dogs] AS x CROSS APPLY CHANGETABLE(VERSION [dbo].[Person__dogs], ([_owner], [_position]), (x.[_owner], x.[_position])) AS ct\n" +
            "WHERE x.[_owner] IN (SELECT l.[_owner] FROM [dbo].[Person__dogs] AS l WHERE l.[_target] IN (SELECT k.[key] FROM @keys AS k))\n" +
            "AND ISNULL(ct.SYS_CHANGE_VERSION, 0) > @watermark AND ISNULL(ct.SYS_CHANGE_CONTEXT, 0x) <> @context;"));
    }

    [Test]
    public void Calls_without_cascades_need_no_check() =>
        Assert.That(Plan("""{"type":"INSERT","object_type":"Dog","identity":"Rex","values":{"name":"Rex"}}""").Calls.SelectMany(c => CascadeCheck.Queries(Sample, c)), Is.Empty);

    [Test]
    public void Every_cascade_check_parses_and_validates_inside_the_model_naming_existing_columns()
    {
        using var model = SqlModelBuilder.Build(Sample);
        var checker = new ColumnReferenceChecker(model);
        var n = 0;
        foreach (var call in CascadingCalls())
        {
            var parameter = call.Arguments.OfType<TableArgument>().Select(t => $", {t.Name} {ApplierObjects.Quote(t.TypeName)} READONLY").SingleOrDefault() ?? string.Empty;
            foreach (var (_, sql) in CascadeCheck.Queries(Sample, call))
            {
                var procedure = $"CREATE PROCEDURE [realmsync].[cascade_check_{++n}] @watermark bigint, @context varbinary(128){parameter} AS\nBEGIN\n{sql}\nEND\n";
                Assert.That(TSqlScriptParser.Errors(sql), Is.Empty, sql);
                Assert.That(checker.Check(procedure), Is.Empty, sql);
                model.AddObjects(procedure);
            }
        }

        Assert.That(n, Is.EqualTo(3), "Person__dogs for Dog, Person.bestFriend for the DELETE and the CLEAR of Person; Reading has no references");
        Assert.That(model.Validate().Select(m => $"SQL{m.Number}: {m.Message}"), Is.Empty);
    }
}
