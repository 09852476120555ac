using System.Collections.Immutable;
using Connector.Adapter;
using Connector.Applier;
using static Connector.Tests.ChangeTracking.DeltaRows;
using static Connector.Tests.Integration.Instructions;

namespace Connector.Tests.Integration;

/// <summary>
/// Tier 3, collections changed on both sides (issue 8, findings 4 and 7): a SQL edit to list elements a Realm LIST_*
/// then shifts, a SQL edit to a collection a Realm SET then replaces, and a Realm LIST_* on an object SQL deleted;
/// each before the poller sent the SQL change. Skipped, with the reason, when there is no SQL Server.
/// </summary>
[Category("Integration")]
[CancelAfter(300_000)]
public class CollectionConflictIntegrationTests
{
    private const string AnnKey = "0x5F0000000000000000000001";
    private static readonly ObjectIdValue AnnId = new("5f0000000000000000000001");

    [Test]
    public async Task A_sql_edit_to_a_list_element_that_a_realm_list_insert_shifts_still_reaches_realm(CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(cancellationToken);
        harness.Applier.Append(1,
            InsertPerson(Ann, "Ann"), InsertDog("rex"), InsertDog("fido"), InsertDog("spot"),
            List("LIST_INSERT", Ann, 0, "rex"), List("LIST_INSERT", Ann, 1, "fido"));
        await harness.Applier.Applier().RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);
        await harness.PollAsync(cancellationToken); // the watermark now predates the SQL change below
        await harness.ExecuteAsync($"UPDATE l SET l.[_target] = N'spot' FROM [app].[Person__dogs] AS l WHERE l.[_owner] = {AnnKey} AND l.[_position] = 1;", cancellationToken);

        // Realm inserts at 0: the shift moves the element SQL changed (and re-tags its row) before the poller sent it.
        harness.Applier.Append(2, List("LIST_INSERT", Ann, 0, "spot"));
        var applied = await harness.Applier.Applier().RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);
        await harness.PollAsync(cancellationToken);
        await harness.ShipAsync(cancellationToken);

        Assert.That((applied.Applied, applied.Conflicts), Is.EqualTo((1, 0)));
        Assert.That(await harness.Database.QueryAsync($"SELECT l.[_position], l.[_target] FROM [app].[Person__dogs] AS l WHERE l.[_owner] = {AnnKey} ORDER BY l.[_position]", cancellationToken),
            Is.EqualTo(new[] { new object?[] { 0, "spot" }, new object?[] { 1, "rex" }, new object?[] { 2, "spot" } }));
        // The LIST_INSERT ran under the resend context, so the poller sends Ann's list whole, SQL's edit in it.
        Assert.That(harness.Outbound().SelectMany(t => t.Instructions), Is.EqualTo(new Instruction[]
        {
            new ListClearInstruction("Person", AnnId, "dogs"),
            new ListInsertInstruction("Person", AnnId, "dogs", 0, new StringValue("spot")),
            new ListInsertInstruction("Person", AnnId, "dogs", 1, new StringValue("rex")),
            new ListInsertInstruction("Person", AnnId, "dogs", 2, new StringValue("spot")),
        }));
    }

    [TestCase(ConflictPolicy.SqlWins, "sql-wins", new[] { "sql" })]
    [TestCase(ConflictPolicy.RealmWins, "realm-wins", new[] { "b", "c" })]
    public async Task A_collection_sql_changed_and_realm_then_replaced_is_resolved_by_the_policy_and_recorded_with_both_sides(
        ConflictPolicy policy, string recorded, string[] tagsAfter, CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(cancellationToken);
        var applier = harness.Applier.Applier(new ApplierOptions(ConflictPolicy: policy));
        harness.Applier.Append(1, InsertPerson(Ann, "Ann", """, "tags": ["a"]"""));
        await applier.RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);
        await harness.PollAsync(cancellationToken); // the watermark now predates the SQL change below
        await harness.ExecuteAsync($"UPDATE t SET t.[_value] = N'sql' FROM [app].[Person__tags] AS t WHERE t.[_owner] = {AnnKey};", cancellationToken);
        harness.Applier.Append(2, Set("Person", Ann, """{"name": "Ann R", "tags": ["b", "c"]}"""));

        var result = await applier.RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);
        await harness.PollAsync(cancellationToken);
        await harness.ShipAsync(cancellationToken);

        Assert.That((result.Status, result.Applied, result.Conflicts), Is.EqualTo((InboundRunStatus.CaughtUp, 1, 1)));
        Assert.That(await harness.Database.ScalarAsync("SELECT p.[name] FROM [app].[Person] AS p", cancellationToken), Is.EqualTo("Ann R"), "the rest of the SET applies");
        Assert.That(await harness.Database.QueryAsync($"SELECT t.[_value] FROM [app].[Person__tags] AS t WHERE t.[_owner] = {AnnKey} ORDER BY t.[_position]", cancellationToken),
            Is.EqualTo(tagsAfter.Select(t => new object?[] { t })));
        // SqlValues keeps SQL's collection as it stood: under realm-wins the only place it survives.
        Assert.That(await harness.Database.QueryAsync(
                "SELECT c.[Version], c.[InstructionIndex], c.[ClassName], c.[ObjectIdentity], c.[Policy], c.[RealmValues], c.[SqlValues] FROM [realmsync].[Conflict] AS c", cancellationToken),
            Is.EqualTo(new[]
            {
                new object?[] { 2L, 0, "Person", """["objectId","5f0000000000000000000001"]""", recorded, """{"tags":["b","c"]}""", """[{"_position":0,"_value":"sql"}]""" },
            }));
        // sql-wins: Realm still holds its own tags, so SQL's go out; realm-wins: the last writes are the connector's, nothing goes out.
        Assert.That(harness.Outbound().SelectMany(t => t.Instructions), Is.EqualTo(policy == ConflictPolicy.SqlWins
            ? new Instruction[] { new SetInstruction("Person", AnnId, Values(("tags", new ListValue(ImmutableArray.Create<RealmValue>(new StringValue("sql")))))) }
            : []));
    }

    [TestCase(ConflictPolicy.SqlWins, "sql-wins")]
    [TestCase(ConflictPolicy.RealmWins, "realm-wins")]
    public async Task A_list_edit_on_an_object_sql_deleted_is_a_conflict_and_the_rest_of_the_transaction_applies(
        ConflictPolicy policy, string recorded, CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(cancellationToken);
        var applier = harness.Applier.Applier(new ApplierOptions(ConflictPolicy: policy)); // OnBadTransaction: stop, the default
        harness.Applier.Append(1, InsertPerson(Ann, "Ann"), InsertDog("rex"));
        await applier.RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);
        await harness.PollAsync(cancellationToken);
        await harness.ExecuteAsync($"DELETE FROM [app].[Person] WHERE [_id] = {AnnKey};", cancellationToken);
        harness.Applier.Append(2, List("LIST_INSERT", Ann, 0, "rex"), InsertDog("fido"));
        harness.Applier.Append(3, InsertDog("spot"));

        var result = await applier.RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);

        Assert.That((result.Status, result.Applied, result.DeadLettered, result.Conflicts, result.Cursor), Is.EqualTo((InboundRunStatus.CaughtUp, 2, 0, 1, 3L)));
        Assert.That(await harness.Database.QueryAsync("SELECT d.[name] FROM [app].[Dog] AS d ORDER BY d.[name]", cancellationToken),
            Is.EqualTo(new[] { new object?[] { "fido" }, new object?[] { "rex" }, new object?[] { "spot" } }));
        Assert.That(await harness.Database.ScalarAsync("SELECT COUNT(*) FROM [app].[Person__dogs]", cancellationToken), Is.Zero);
        Assert.That(await harness.Database.QueryAsync(
                "SELECT c.[Version], c.[InstructionIndex], c.[ClassName], c.[ObjectIdentity], c.[Policy], c.[RealmValues] FROM [realmsync].[Conflict] AS c", cancellationToken),
            Is.EqualTo(new[] { new object?[] { 2L, 0, "Person", """["objectId","5f0000000000000000000001"]""", recorded, null } }));
    }

    [Test]
    public async Task A_list_edit_on_an_object_that_never_existed_is_still_bad_input(CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(cancellationToken);
        harness.Applier.Append(1, InsertDog("rex"), List("LIST_INSERT", Ann, 0, "rex"));

        var result = await harness.Applier.Applier().RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);

        Assert.That((result.Status, result.DeadLettered, result.Conflicts, result.Cursor), Is.EqualTo((InboundRunStatus.Stopped, 1, 0, 0L)));
        Assert.That((string)(await harness.Database.ScalarAsync("SELECT d.[Error] FROM [realmsync].[DeadLetter] AS d", cancellationToken))!,
            Does.Contain("the object that owns the list does not exist"));
    }
}
