using Connector.Applier;
using Connector.SqlServer.Applier;
using static Connector.Tests.Integration.Instructions;

namespace Connector.Tests.Integration;

/// <summary>Tier 3: the applier against a real SQL Server. Skipped, with the reason, when there is none.</summary>
[Category("Integration")]
[CancelAfter(300_000)]
public class InboundApplyTests
{
    [Test]
    public async Task Every_data_instruction_is_applied_and_the_rows_are_exactly_the_realm_objects(CancellationToken cancellationToken)
    {
        await using var harness = await ApplierHarness.StartAsync(cancellationToken);
        harness.Append(1,
            InsertPerson(Ann, "Ann", """, "age": 30, "tags": ["a", "b", "a"]"""),
            InsertPerson(Bob, "Bob"),
            InsertDog("rex", """, "born": ["date", 86400000]"""),
            InsertDog("fido"),
            InsertDog("spot"),
            Set("Dog", "\"rex\"", $$"""{"owner": {{Ann}}}"""),
            List("LIST_INSERT", Ann, 0, "rex"),
            List("LIST_INSERT", Ann, 1, "fido"),
            List("LIST_INSERT", Ann, 1, "spot"),
            List("LIST_SET", Ann, 2, "rex"),
            List("LIST_ERASE", Ann, 0),
            List("LIST_INSERT", Bob, 0, "fido"),
            ListClear(Bob),
            Set("Person", Ann, """{"age": 31}"""));

        var result = await harness.Applier().RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);

        Assert.That((result.Status, result.Applied, result.Cursor), Is.EqualTo((InboundRunStatus.CaughtUp, 1, 1L)));
        Assert.That(await harness.Database.QueryAsync("SELECT p.[_id], p.[name], p.[age] FROM [app].[Person] AS p ORDER BY p.[name]", cancellationToken),
            Is.EqualTo(new[] { new object?[] { Key(Ann), "Ann", 31L }, new object?[] { Key(Bob), "Bob", null } }));
        Assert.That(await harness.Database.QueryAsync("SELECT d.[name], d.[born], d.[owner] FROM [app].[Dog] AS d ORDER BY d.[name]", cancellationToken),
            Is.EqualTo(new[]
            {
                new object?[] { "fido", null, null },
                new object?[] { "rex", new DateTime(1970, 1, 2), Key(Ann) },
                new object?[] { "spot", null, null },
            }));
        Assert.That(await harness.Database.QueryAsync("SELECT l.[_position], l.[_target] FROM [app].[Person__dogs] AS l ORDER BY l.[_owner], l.[_position]", cancellationToken),
            Is.EqualTo(new[] { new object?[] { 0, "spot" }, new object?[] { 1, "rex" } }));
        Assert.That(await harness.Database.QueryAsync("SELECT t.[_position], t.[_value] FROM [app].[Person__tags] AS t ORDER BY t.[_position]", cancellationToken),
            Is.EqualTo(new[] { new object?[] { 0, "a" }, new object?[] { 1, "b" } }));
    }

    [Test]
    public async Task Deleting_an_object_nulls_links_to_it_and_closes_up_the_lists_that_held_it(CancellationToken cancellationToken)
    {
        await using var harness = await ApplierHarness.StartAsync(cancellationToken);
        harness.Append(1,
            InsertPerson(Ann, "Ann"),
            InsertDog("rex", $$""", "owner": {{Ann}}"""),
            InsertDog("fido"),
            InsertDog("spot"),
            List("LIST_INSERT", Ann, 0, "rex"),
            List("LIST_INSERT", Ann, 1, "fido"),
            List("LIST_INSERT", Ann, 2, "spot"));
        harness.Append(2, Delete("Dog", "\"fido\""));
        harness.Append(3, Delete("Person", Ann));

        var applier = harness.Applier();
        await applier.RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);

        Assert.That(await harness.Database.QueryAsync("SELECT d.[name], d.[owner] FROM [app].[Dog] AS d ORDER BY d.[name]", cancellationToken),
            Is.EqualTo(new[] { new object?[] { "rex", null }, new object?[] { "spot", null } }));
        Assert.That(await harness.Database.ScalarAsync("SELECT COUNT(*) FROM [app].[Person__dogs]", cancellationToken), Is.Zero);
    }

    [Test]
    public async Task Deleting_a_list_target_closes_up_the_positions_after_it(CancellationToken cancellationToken)
    {
        await using var harness = await ApplierHarness.StartAsync(cancellationToken);
        harness.Append(1,
            InsertPerson(Ann, "Ann"), InsertDog("rex"), InsertDog("fido"), InsertDog("spot"),
            List("LIST_INSERT", Ann, 0, "rex"), List("LIST_INSERT", Ann, 1, "fido"), List("LIST_INSERT", Ann, 2, "spot"),
            Delete("Dog", "\"fido\""));

        await harness.Applier().RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);

        Assert.That(await harness.Database.QueryAsync("SELECT l.[_position], l.[_target] FROM [app].[Person__dogs] AS l ORDER BY l.[_position]", cancellationToken),
            Is.EqualTo(new[] { new object?[] { 0, "rex" }, new object?[] { 1, "spot" } }));
    }

    [Test]
    public async Task Redelivered_transactions_change_nothing(CancellationToken cancellationToken)
    {
        await using var harness = await ApplierHarness.StartAsync(cancellationToken);
        harness.Append(1, InsertDog("rex"), InsertDog("fido"));
        harness.Append(2, Set("Dog", "\"rex\"", """{"born": ["date", 0]}"""));
        await harness.Applier().RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);
        var before = await harness.Database.QueryAsync("SELECT d.[name], d.[born] FROM [app].[Dog] AS d ORDER BY d.[name]", cancellationToken);

        // A restarted connector reads the journal from the start: every version at or below the cursor is skipped.
        var again = await harness.Applier().RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);

        Assert.That((again.Applied, again.Skipped, again.Cursor), Is.EqualTo((0, 2, 2L)));
        Assert.That(await harness.Database.QueryAsync("SELECT d.[name], d.[born] FROM [app].[Dog] AS d ORDER BY d.[name]", cancellationToken), Is.EqualTo(before));
    }

    [Test]
    public async Task New_types_and_properties_are_deployed_and_filled_in_the_same_transaction(CancellationToken cancellationToken)
    {
        await using var harness = await ApplierHarness.StartAsync(cancellationToken);
        harness.Append(1,
            """{"type": "ADD_TYPE", "object_type": "Cat", "properties": {"name": {"type": "string", "nullable": true}}}""",
            """{"type": "ADD_PROPERTIES", "object_type": "Dog", "properties": {"color": {"type": "string", "nullable": true}}}""",
            """{"type": "INSERT", "object_type": "Cat", "identity": "{0002-0001}", "values": {"name": "Tom"}}""",
            """{"type": "CHANGE_IDENTITY", "object_type": "Cat", "identity": "{0002-0001}", "new_identity": "{0002-0009}"}""",
            InsertDog("rex", """, "color": "brown" """));

        var result = await harness.Applier().RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);

        Assert.That((result.Status, result.Applied), Is.EqualTo((InboundRunStatus.CaughtUp, 1)), result.Reason);
        Assert.That(await harness.Database.QueryAsync("SELECT c.[_realm_object_id], c.[name] FROM [app].[Cat] AS c", cancellationToken),
            Is.EqualTo(new[] { new object?[] { "{0002-0009}", "Tom" } }));
        Assert.That(await harness.Database.QueryAsync("SELECT d.[name], d.[color] FROM [app].[Dog] AS d", cancellationToken),
            Is.EqualTo(new[] { new object?[] { "rex", "brown" } }));
        var reasons = await harness.Database.QueryAsync("SELECT d.[Reason] FROM [realmsync].[SchemaDeployment] AS d ORDER BY d.[DeploymentId]", cancellationToken);
        Assert.That(reasons.Select(r => r[0]).Skip(1), Is.EqualTo(new[] { "ADD_TYPE/ADD_PROPERTIES in version 1" }));
        Assert.That(await harness.Database.ScalarAsync("SELECT COUNT(*) FROM [realmsync].[MappedClass] AS c WHERE c.[ClassName] = N'Cat'", cancellationToken), Is.EqualTo(1));
    }

    [Test]
    public async Task In_script_mode_a_schema_change_is_written_for_a_dba_and_nothing_is_applied(CancellationToken cancellationToken)
    {
        await using var harness = await ApplierHarness.StartAsync(cancellationToken);
        harness.Append(1, """{"type": "ADD_PROPERTIES", "object_type": "Dog", "properties": {"color": {"type": "string", "nullable": true}}}""");

        var result = await harness.Applier(new ApplierOptions(SchemaApplyMode.Script)).RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);

        Assert.That(result.Status, Is.EqualTo(InboundRunStatus.Stopped));
        Assert.That(File.Exists(SchemaScriptFile.PathFor(harness.Journal, ApplierHarness.RealmPath, 1)), Is.True);
        Assert.That(await harness.CursorAsync(cancellationToken), Is.Zero);
    }
}
