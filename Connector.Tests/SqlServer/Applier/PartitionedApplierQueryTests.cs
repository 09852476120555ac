using Connector.Adapter;
using Connector.Applier;
using Connector.SchemaGeneration;
using Connector.SqlServer.Applier;
using Connector.SqlServer.Schema;
using Connector.Tests.SchemaGeneration;
using static Connector.Tests.Applier.PlannerFixture;

namespace Connector.Tests.SqlServer.Applier;

/// <summary>
/// The applier's reads of SQL's changes for a Realm of a partitioned mapping (issue 12): its plan names the per-Realm
/// views, but Change Tracking is on the base tables, so the conflict and cascade checks read CHANGETABLE of the base
/// table, for the session's Realm only, and look the rows up through the views. Exact for some, and every one of the
/// sample's parsed, checked column by column and validated inside the partitioned mapping's model.
/// </summary>
public class PartitionedApplierQueryTests
{
    private const string Pattern = "^/([0-9a-f]+)/private$";
    private const string InRealm = " AND ct.[_realm_id] = CONVERT(int, SESSION_CONTEXT(N'realmsync.realm_id'))";

    private static readonly SchemaMapping Partitioned =
        SchemaMapper.Map(SchemaCorpus.Load("samples", "realm-schema.json"), Pattern, "dbo", previous: null, pathPattern: Pattern);

    private static readonly SchemaMapping Scoped = Partitioned.ForRealm("/0a/private");

    private static TransactionPlan ScopedPlan(string instructionsJson) =>
        TransactionPlanner.Plan(AdapterCodec.Decode($$"""{"realm_path":"/0a/private","version":7,"instructions":[{{instructionsJson}}]}"""), Scoped);

    [Test]
    public void A_conflict_read_takes_the_base_tables_changes_of_the_sessions_realm()
    {
        Assert.That(ConflictDetector.ChangesQuery(Scoped.SqlSchema, "Dog", "name", scoped: true), Is.EqualTo(
            "SELECT ct.[name] AS [key], ct.[SYS_CHANGE_VERSION], ct.[SYS_CHANGE_OPERATION]\n" +
            "FROM CHANGETABLE(CHANGES [dbo].[Dog], @watermark) AS ct\n" +
            "WHERE (ct.[SYS_CHANGE_CONTEXT] IS NULL OR ct.[SYS_CHANGE_CONTEXT] <> @context)" + InRealm + "\n" +
            "AND ct.[name] IN (SELECT k.[key] FROM @keys AS k);"));
        var context = MappingContext.For(Scoped);
        Assert.That(ConflictDetector.CollectionChangesQuery(context.Table("Person__settings"), scoped: true), Is.EqualTo(
            "SELECT ct.[_owner] AS [key], MAX(ct.[SYS_CHANGE_VERSION]) AS [SYS_CHANGE_VERSION], N'U' AS [SYS_CHANGE_OPERATION],\n" +
            "    (SELECT c.[_key], c.[_value] FROM [dbo_realm].[Person__settings] AS c WHERE c.[_owner] = ct.[_owner] FOR JSON PATH, INCLUDE_NULL_VALUES) AS [sql]\n" +
            "FROM CHANGETABLE(CHANGES [dbo].[Person__settings], @watermark) AS ct\n" +
            "WHERE (ct.[SYS_CHANGE_CONTEXT] IS NULL OR ct.[SYS_CHANGE_CONTEXT] <> @context)" + InRealm + "\n" +
            "AND ct.[_owner] IN (SELECT k.[key] FROM @keys AS k)\n" +
            "GROUP BY ct.[_owner];"));
    }

    [Test]
    public void A_link_cascade_check_reads_the_base_rows_of_the_sessions_realm_with_the_whole_key()
    {
        var queries = CascadeCheck.Queries(Scoped, ScopedPlan($$"""{"type":"DELETE","object_type":"Person","identity":{{Ada}}}""").Calls.Single());
        var link = queries.Single(q => q.Table.Name == "Person");

        Assert.That(link.Sql, Is.EqualTo(
            "SELECT TOP (1) 1 FROM [dbo].[Person] AS x CROSS APPLY CHANGETABLE(VERSION [dbo].[Person], ([_realm_id], [_id]), (x.[_realm_id], x.[_id])) AS ct\n" +
            "WHERE x.[bestFriend] IN (SELECT k.[key] FROM @keys AS k) AND x.[_realm_id] = CONVERT(int, SESSION_CONTEXT(N'realmsync.realm_id'))\n" +
            "AND ISNULL(ct.SYS_CHANGE_VERSION, 0) > @watermark AND ISNULL(ct.SYS_CHANGE_CONTEXT, 0x) <> @context;"));
    }

    [Test]
    public void A_list_edit_check_reads_its_owners_elements_in_the_sessions_realm()
    {
        var call = ScopedPlan($$"""{"type":"LIST_ERASE","object_type":"Person","identity":{{Ada}},"property":"dogs","list_index":2}""").Calls.Single();

        Assert.That(CascadeCheck.Queries(Scoped, call).Single().Sql, Is.EqualTo(
            "SELECT TOP (1) 1 FROM CHANGETABLE(CHANGES [dbo].[Person__dogs], @watermark) AS ct\n" +
            "WHERE ct.[_owner] = @owner AND ct.[_position] >= @index" + InRealm + "\n" +
            "AND ISNULL(ct.SYS_CHANGE_CONTEXT, 0x) <> @context;"));
    }

    [Test]
    public void Every_conflict_and_cascade_read_of_a_realm_parses_and_validates_inside_the_partitioned_model()
    {
        using var model = new QueryModel(Partitioned);
        var context = MappingContext.For(Scoped);
        foreach (var mapped in Scoped.Classes)
        {
            model.Add(ConflictDetector.ChangesQuery(Scoped.SqlSchema, mapped.Table, mapped.KeyColumn, scoped: true), Keys(context, mapped.KeySqlType));
        }

        foreach (var collection in context.Objects.Collections.Values.Where(r => r.Replace is not null))
        {
            var owner = Scoped.Classes.Single(c => c.Properties.Any(p => p.ChildTable == collection.Table));
            model.Add(ConflictDetector.CollectionChangesQuery(context.Table(collection.Table), scoped: true), Keys(context, owner.KeySqlType));
        }

        var plan = ScopedPlan(
            """{"type":"DELETE","object_type":"Dog","identity":"Rex"},""" +
            $$"""{"type":"DELETE","object_type":"Person","identity":{{Ada}}},""" +
            """{"type":"CLEAR","object_type":"Person"},""" +
            """{"type":"CHANGE_IDENTITY","object_type":"Reading","identity":"{a}","new_identity":"{b}"},""" +
            $$"""{"type":"LIST_INSERT","object_type":"Person","identity":{{Ada}},"property":"dogs","list_index":0,"object_identity":"Rex"},""" +
            $$"""{"type":"LIST_CLEAR","object_type":"Person","identity":{{Ada}},"property":"dogs"}""");
        var checks = 0;
        foreach (var call in plan.Calls)
        {
            foreach (var (_, sql) in CascadeCheck.Queries(Scoped, call))
            {
                Assert.That(sql, Does.Not.Contain("CHANGETABLE(CHANGES [dbo_realm]").And.Not.Contain("CHANGETABLE(VERSION [dbo_realm]"));
                model.Add(sql, QueryModel.Parameters(call.Arguments));
                checks++;
            }
        }

        Assert.That(model.Count, Is.EqualTo(7 + checks));
        Assert.That(checks, Is.GreaterThanOrEqualTo(5));
        Assert.That(model.Validate(), Is.Empty);
    }

    [Test]
    public void A_table_of_no_view_schema_is_refused_as_a_scoped_read() =>
        Assert.Throws<ArgumentException>(() => PartitionSession.ChangeTable("dbo", "Dog", scoped: true));

    private static string Keys(MappingContext context, string keySqlType) => $", @keys {ApplierObjects.Quote(context.Objects.KeyTypes[keySqlType])} READONLY";
}
