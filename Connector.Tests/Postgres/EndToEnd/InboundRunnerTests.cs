using Connector.Applier;
using Connector.RealmSchema;
using static Connector.Tests.Integration.Instructions;
using ApplyStep = Connector.Postgres.PgTransactionApplier.ApplyStep;

namespace Connector.Tests.Postgres.EndToEnd;

/// <summary>
/// Issue 10, section 4: the inbound runner on PostgreSQL over a real journal folder behaves as on SQL Server
/// (Integration/InboundFailureTests, NullKeyIntegrationTests, InboundApplyTests): bad transactions are dead-lettered
/// with the error and instruction index, then stop the path or are skipped; null-keyed objects are left out with a
/// dead letter while the rest applies; schema growth applies in the same transaction; transient failures are retried.
/// </summary>
[TestFixture]
[CancelAfter(300_000)]
public sealed class InboundRunnerTests
{
    [Test]
    public async Task A_bad_transaction_leaves_nothing_but_its_dead_letter_and_stops_the_realm_path()
    {
        await using var harness = await StartAsync(PgInboundHarness.Small);
        harness.Append(2, InsertDog("rex"), Set("Dog", "\"ghost\"", """{"born": null}"""));
        harness.Append(3, InsertDog("fido"));
        await using var connections = harness.ApplierConnections();
        var runner = harness.Runner(connections);

        var result = await runner.RunOnceAsync(harness.RealmPath, CancellationToken.None);
        var again = await runner.RunOnceAsync(harness.RealmPath, CancellationToken.None);

        Assert.That((result.Status, result.Applied, result.DeadLettered, result.Cursor), Is.EqualTo((InboundRunStatus.Stopped, 1, 1, 1L)));
        Assert.That(result.Reason, Does.StartWith("version 2 could not be applied").And.Contain("it is in realmsync.DeadLetter").And.Contain("set Sync.OnBadTransaction to 'skip'"));
        Assert.That((again.Status, again.Applied, again.DeadLettered, again.Cursor), Is.EqualTo((InboundRunStatus.Stopped, 0, 0, 1L)), "a stopped path stays stopped");
        Assert.That(await harness.CursorAsync(), Is.EqualTo(1L));
        Assert.That(await harness.ScalarAsync("""SELECT count(*) FROM app."Dog" """), Is.Zero);
        var deadLetters = await harness.DeadLettersAsync();
        Assert.That(deadLetters, Has.Count.EqualTo(1));
        Assert.That(deadLetters[0][..2], Is.EqualTo(new object?[] { 2L, 1 }));
        Assert.That((string)deadLetters[0][2]!, Does.Contain("SET on an object of class 'Dog' that does not exist"));
    }

    [Test]
    public async Task With_skip_bad_transactions_are_dead_lettered_and_the_next_ones_applied()
    {
        await using var harness = await StartAsync(PgInboundHarness.Small);
        harness.Append(2, InsertPerson(Ann, "Ann"), List("LIST_INSERT", Ann, 5, "rex"));
        harness.AppendRaw("{not json");
        harness.Append(4, InsertDog("fido"));
        harness.Append(5, InsertDog("max"), InsertPerson(Bob, "B\\u0000b"));
        harness.Append(6, InsertDog("spot"));

        var result = await harness.RunOnceAsync(new ApplierOptions(OnBadTransaction: BadTransactionPolicy.Skip));

        Assert.That((result.Status, result.Applied, result.DeadLettered, result.Cursor), Is.EqualTo((InboundRunStatus.CaughtUp, 3, 3, 6L)), result.Reason);
        Assert.That(await harness.CursorAsync(), Is.EqualTo(6L));
        Assert.That(await harness.ScalarAsync("""SELECT count(*) FROM app."Person" """), Is.Zero);
        Assert.That(await harness.QueryAsync("""SELECT d.name FROM app."Dog" AS d ORDER BY d.name"""), Is.EqualTo(new[] { new object?[] { "fido" }, new object?[] { "spot" } }));
        var deadLetters = await harness.DeadLettersAsync();
        Assert.That(deadLetters.Select(d => d[..2]), Is.EqualTo(new[] { new object?[] { 2L, 1 }, new object?[] { 0L, null }, new object?[] { 5L, 1 } }));
        Assert.That((string)deadLetters[0][2]!, Does.Contain("$.instructions[1].list_index: list index 5 is out of range"));
        Assert.That((string)deadLetters[1][2]!, Does.EndWith("line 3: $: not valid JSON at byte 2"));
        Assert.That((string)deadLetters[2][2]!, Does.Contain("U+0000").And.Contain("cannot be stored in PostgreSQL"));
    }

    [TestCase(BadTransactionPolicy.Stop)]
    [TestCase(BadTransactionPolicy.Skip)]
    public async Task The_null_keyed_object_is_left_out_and_recorded_and_the_rest_is_applied(BadTransactionPolicy policy)
    {
        var schema = RealmSchemaImporter.Import(
            """
            [{"name": "Tag", "primaryKey": "code", "properties": {"code": "string?", "label": "string?"}},
             {"name": "Post", "primaryKey": "id", "properties": {"id": "int", "tags": "Tag[]"}}]
            """,
            "nullkey.json");
        await using var harness = await StartAsync(schema);
        harness.Append(
            2,
            """{"type": "INSERT", "object_type": "Tag", "identity": null, "values": {"code": null, "label": "none"}}""",
            """{"type": "INSERT", "object_type": "Tag", "identity": "a", "values": {"code": "a", "label": "first"}}""",
            """{"type": "SET", "object_type": "Tag", "identity": null, "values": {"label": "still none"}}""",
            """{"type": "INSERT", "object_type": "Post", "identity": 1, "values": {"id": 1}}""",
            """{"type": "LIST_INSERT", "object_type": "Post", "identity": 1, "property": "tags", "list_index": 0, "object_identity": "a"}""",
            """{"type": "LIST_INSERT", "object_type": "Post", "identity": 1, "property": "tags", "list_index": 1, "object_identity": null}""");
        harness.Append(3, """{"type": "INSERT", "object_type": "Post", "identity": 2, "values": {"id": 2}}""");

        var result = await harness.RunOnceAsync(new ApplierOptions(OnBadTransaction: policy));

        Assert.That((result.Status, result.Applied, result.DeadLettered, result.LeftOut, result.Cursor), Is.EqualTo((InboundRunStatus.CaughtUp, 3, 0, 1, 3L)), result.Reason);
        Assert.That(await harness.CursorAsync(), Is.EqualTo(3L));
        Assert.That(await harness.QueryAsync("""SELECT t.code, t.label FROM app."Tag" AS t"""), Is.EqualTo(new[] { new object?[] { "a", "first" } }));
        Assert.That(await harness.QueryAsync("""SELECT p.id FROM app."Post" AS p ORDER BY p.id"""), Is.EqualTo(new[] { new object?[] { 1L }, new object?[] { 2L } }));
        Assert.That(await harness.QueryAsync("""SELECT l."_position", l."_target" FROM app."Post__tags" AS l"""), Is.EqualTo(new[] { new object?[] { 0, "a" } }));
        var deadLetters = await harness.DeadLettersAsync();
        Assert.That(deadLetters.Select(d => d[..2]), Is.EqualTo(new[] { new object?[] { 2L, 0 } }));
        Assert.That((string)deadLetters[0][2]!, Does.StartWith("version 2: class 'Tag': an object with a null primary key cannot be stored")
            .And.EndWith("the 3 instruction(s) naming it (index 0, 2, 5) were left out, the rest of the transaction was applied"));
    }

    [Test]
    public async Task A_required_property_and_a_new_type_are_deployed_and_filled_in_the_same_transaction()
    {
        await using var harness = await StartAsync(PgInboundHarness.Small);
        harness.Append(2, InsertDog("rex"), InsertDog("fido"));
        harness.Append(3,
            """{"type": "ADD_PROPERTIES", "object_type": "Dog", "properties": {"weight": {"type": "int"}}}""",
            """{"type": "ADD_TYPE", "object_type": "Cat", "properties": {"name": {"type": "string", "nullable": true}}}""",
            """{"type": "INSERT", "object_type": "Cat", "identity": "{0002-0001}", "values": {"name": "Tom"}}""",
            InsertDog("spot", """, "weight": 7"""));

        var result = await harness.RunOnceAsync();

        Assert.That((result.Status, result.Applied, result.Cursor), Is.EqualTo((InboundRunStatus.CaughtUp, 3, 3L)), result.Reason);
        Assert.That(await harness.QueryAsync("""SELECT d.name, d.weight FROM app."Dog" AS d ORDER BY d.name"""),
            Is.EqualTo(new[] { new object?[] { "fido", 0L }, new object?[] { "rex", 0L }, new object?[] { "spot", 7L } }), "existing rows get Realm's default, 0");
        Assert.That(await harness.StateAsync(), Is.EqualTo(PgInboundHarness.ModelState(harness.Journaled)));
        Assert.That(await harness.QueryAsync("""SELECT d."Reason" FROM realmsync."SchemaDeployment" AS d ORDER BY d."DeploymentId" OFFSET 1"""),
            Is.EqualTo(new[] { new object?[] { "ADD_TYPE/ADD_PROPERTIES in version 3" } }));
        Assert.That(await harness.QueryAsync("""SELECT c."ClassName", c."SqlTable" FROM realmsync."MappedClass" AS c ORDER BY c."ClassName" """),
            Is.EqualTo(new[] { new object?[] { "Cat", "Cat" }, new object?[] { "Dog", "Dog" }, new object?[] { "Person", "Person" } }));
        Assert.That(await harness.QueryAsync("""SELECT p."RealmType", p."IsOptional", p."SqlColumn" FROM realmsync."MappedProperty" AS p WHERE p."ClassName" = 'Dog' AND p."PropertyName" = 'weight'"""),
            Is.EqualTo(new[] { new object?[] { "int", false, "weight" } }));
    }

    [TestCase(ApplyStep.BeforeCursor)]
    [TestCase(ApplyStep.BeforeCommit)]
    public async Task A_session_killed_once_mid_transaction_is_retried_and_applied_once(ApplyStep step)
    {
        await using var harness = await StartAsync(PgInboundHarness.Small);
        harness.Append(2, InsertPerson(Ann, "Ann"), InsertDog("rex"));
        harness.Append(3, InsertDog("fido"), List("LIST_INSERT", Ann, 0, "rex"), Set("Dog", "\"rex\"", """{"born": ["date", 0]}"""));
        harness.Append(4, List("LIST_INSERT", Ann, 1, "fido"));
        var calls = new List<(ApplyStep, long)>();
        var killed = 0;

        var result = await harness.RunOnceAsync(checkpoint: async (at, transaction) =>
        {
            calls.Add((at, transaction.Version));
            if (at == step && transaction.Version == 3 && killed == 0)
            {
                killed = await harness.KillApplierSessionsAsync();
            }
        });

        Assert.That(killed, Is.GreaterThan(0), "the applier's session was killed");
        Assert.That((result.Status, result.Applied, result.DeadLettered, result.Cursor), Is.EqualTo((InboundRunStatus.CaughtUp, 4, 0, 4L)), result.Reason);
        Assert.That(calls.Count(c => c == (step, 3L)), Is.EqualTo(2), "version 3 was tried twice");
        Assert.That(calls.Count(c => c == (ApplyStep.AfterCommit, 3L)), Is.EqualTo(1), "and committed once");
        Assert.That(await harness.StateAsync(), Is.EqualTo(PgInboundHarness.ModelState(harness.Journaled)));
        Assert.That(await harness.QueryAsync("""SELECT l."_position", l."_target" FROM app."Person__dogs" AS l ORDER BY l."_position" """),
            Is.EqualTo(new[] { new object?[] { 0, "rex" }, new object?[] { 1, "fido" } }));
    }

    /// <summary>A fresh database with <paramref name="schema"/> deployed for /small, and version 1 (its ADD_TYPEs) journaled.</summary>
    private static async Task<PgInboundHarness> StartAsync(RealmSchemaModel schema)
    {
        PostgresServer.Require();
        var harness = await PgInboundHarness.StartAsync(await PostgresServer.CreateDatabaseAsync("inbound"), schema, "/small");
        harness.Append(harness.SchemaTransaction(schema));
        return harness;
    }
}
