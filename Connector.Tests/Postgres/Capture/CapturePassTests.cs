using Connector.Applier;
using Connector.Postgres;
using Connector.Tests.Cli;
using Connector.Tests.Postgres.EndToEnd;

namespace Connector.Tests.Postgres.Capture;

/// <summary>
/// PostgreSQL to Realm on the throwaway cluster (issue 11): SQL changes read from the slot become instructions in the
/// outbox that, applied to what Realm holds, give the tables' state; the connector's own writes are not sent back;
/// a crash between the outbox commit and the slot's confirmation sends nothing twice; a lost slot re-sends whole.
/// </summary>
[TestFixture]
public sealed class CapturePassTests
{
    private const string PersonId = "\"_id\"";

    [Test]
    public async Task Sql_inserts_updates_deletes_key_changes_and_list_edits_reach_Realm_and_Realm_writes_do_not_echo()
    {
        var (harness, run) = await StartAsync("/capture/dml");
        await using var _ = harness;
        harness.Append(2,
            """{"type":"INSERT","object_type":"Person","identity":["objectId","0123456789abcdef01234567"],"values":{"_id":["objectId","0123456789abcdef01234567"],"name":"Ann","age":30,"tags":["a","b"]}}""",
            """{"type":"INSERT","object_type":"Dog","identity":"rex","values":{"name":"rex","owner":["objectId","0123456789abcdef01234567"]}}""",
            """{"type":"LIST_INSERT","object_type":"Person","identity":["objectId","0123456789abcdef01234567"],"property":"dogs","list_index":0,"object_identity":"rex"}""");
        Assert.That((await harness.RunOnceAsync()).Applied, Is.EqualTo(1));
        run.ApplyToRealm(harness.Journaled[^1]);
        var first = await run.PassAsync();
        Assert.That(first.Result.Reloads, Has.Length.EqualTo(4), "the first pass loads every table whole, as on SQL Server");
        harness.Append(3, """{"type":"SET","object_type":"Dog","identity":"rex","values":{"born":["date",86400000]}}""");
        Assert.That((await harness.RunOnceAsync()).Applied, Is.EqualTo(1));
        run.ApplyToRealm(harness.Journaled[^1]);
        var (echo, outbound) = await run.PassAsync();
        Assert.That((echo.Transactions, outbound.Count), Is.EqualTo((0, 0)), "Realm's own transaction is not sent back");
        Assert.That(await run.DifferenceAsync(), Is.Null);

        await harness.QueryAsync(
            """
            BEGIN;
            INSERT INTO app."Dog" (name, born) VALUES ('fido', '2020-01-02 03:04:05.123456');
            UPDATE app."Person" SET name = 'Anna', age = NULL;
            INSERT INTO app."Person__dogs" ("_owner", "_position", "_target") SELECT "_id", 1, 'fido' FROM app."Person";
            COMMIT;
            """);
        Assert.That(await run.SyncAsync(), Is.Null, "insert, update and a list edit through the link table");

        await harness.QueryAsync("""UPDATE app."Dog" SET name = 'max' WHERE name = 'fido'; UPDATE app."Person__dogs" SET "_target" = 'max' WHERE "_target" = 'fido';""");
        Assert.That(await run.SyncAsync(), Is.Null, "a key change is a delete and an insert, and the list follows");

        await harness.QueryAsync("""DELETE FROM app."Person__dogs"; DELETE FROM app."Dog" WHERE name = 'rex'; DELETE FROM app."Person__tags";""");
        Assert.That(await run.SyncAsync(), Is.Null, "deletes, a cleared list and a cleared set");

        await harness.QueryAsync("""INSERT INTO app."Dog" (name) VALUES ('x'), ('y');""");
        Assert.That(await run.SyncAsync(), Is.Null);
        await harness.QueryAsync("""TRUNCATE app."Dog"; INSERT INTO app."Dog" (name) VALUES ('z');""");
        Assert.That(await run.SyncAsync(), Is.Null, "a TRUNCATE says no key: the class goes whole");

        var (nothing, none) = await run.PassAsync();
        Assert.That((nothing.Transactions, none), Is.EqualTo((0, (IReadOnlyList<Connector.Adapter.AdapterTransaction>)[])), "nothing new: nothing sent");
    }

    [Test]
    public async Task A_crash_between_the_outbox_commit_and_the_slot_confirmation_sends_nothing_twice()
    {
        var (harness, run) = await StartAsync("/capture/crash");
        await using var _ = harness;
        Assert.That(await run.SyncAsync(), Is.Null);
        await harness.QueryAsync("""INSERT INTO app."Dog" (name) VALUES ('a'), ('b');""");
        var crashing = new PgCaptureRun(harness.ConnectionString, harness.RealmPath) { BeforeConfirm = () => throw new TimeoutException("simulated crash") };
        Assert.ThrowsAsync<TimeoutException>(() => crashing.PassAsync());
        await harness.QueryAsync("""UPDATE app."Dog" SET born = '2001-01-01' WHERE name = 'a';""");
        Assert.That(await run.SyncAsync(), Is.Null, "the outbox holds the crashed pass's rows once, then the update");
        var versions = await harness.QueryAsync("""SELECT "Version" FROM realmsync."Outbox" ORDER BY 1;""");
        Assert.That(versions.Select(v => (long)v[0]!), Is.EqualTo(Enumerable.Range(1, versions.Count).Select(v => (long)v)), "one sequence, no gap, no repeat");
    }

    [Test]
    public async Task A_dropped_slot_re_sends_the_tables_whole()
    {
        var (harness, run) = await StartAsync("/capture/lost");
        await using var _ = harness;
        await harness.QueryAsync("""INSERT INTO app."Dog" (name) VALUES ('a');""");
        Assert.That(await run.SyncAsync(), Is.Null);
        await harness.QueryAsync("""SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = current_database();""");
        await harness.QueryAsync("""INSERT INTO app."Dog" (name) VALUES ('b'); DELETE FROM app."Dog" WHERE name = 'a';""");
        var (result, outbound) = await run.PassAsync();
        Assert.That(result.Reloads.Select(r => r.Reason), Has.All.Contains("was missing"));
        Assert.That(outbound[0].Instructions[0], Is.InstanceOf<Connector.Adapter.ClearInstruction>());
        foreach (var transaction in outbound)
        {
            run.ApplyToRealm(transaction);
        }

        Assert.That(await run.DifferenceAsync(), Is.Null, "the changes the slot lost are covered by the whole tables");
    }

    [Test]
    public async Task Resend_on_the_command_line_re_seeds_a_class_and_the_classes_linking_to_it_with_the_other_changes()
    {
        var (harness, run) = await StartAsync("/capture/resend");
        await using var _ = harness;
        await harness.QueryAsync("""INSERT INTO app."Dog" (name) VALUES ('a'), ('b');""");
        Assert.That(await run.SyncAsync(), Is.Null);
        await harness.QueryAsync("""UPDATE app."Dog" SET born = '1999-12-31' WHERE name = 'b';""");
        var config = PgTestConfig.Write(harness.ConnectionString);

        var resend = CliRun.Of("resend", "--realm-path", harness.RealmPath, "--class", "Dog", "--config", config);

        Assert.That(resend.ExitCode, Is.EqualTo(0), resend.Error);
        Assert.That(resend.Output, Does.Contain("Dog").And.Contain("Person"), "Person links to Dog: CLEAR of Dog dropped those links, so it goes whole too");
        var (next, queued) = await run.PassAsync();
        Assert.That(next.Transactions, Is.EqualTo(0), "the resend read the slot up to its barrier: the next pass has nothing new");
        Assert.That(queued[0].Instructions.Take(2), Is.EqualTo(new Connector.Adapter.Instruction[] { new Connector.Adapter.ClearInstruction("Dog"), new Connector.Adapter.ClearInstruction("Person") }));
        var stale = new PgCaptureRun(harness.ConnectionString, harness.RealmPath);
        stale.ApplyToRealm(harness.Journaled[0]);
        foreach (var transaction in queued)
        {
            run.ApplyToRealm(transaction);
            stale.ApplyToRealm(transaction);
        }

        Assert.That(await run.DifferenceAsync(), Is.Null, "the Realm that followed every change");
        Assert.That(await stale.DifferenceAsync(), Is.Null, "a Realm that lost everything, re-seeded by the resend alone");
    }

    [TestCase(ConflictPolicy.SqlWins, "2001-01-01 00:00:00", false)]
    [TestCase(ConflictPolicy.RealmWins, "1970-01-02 00:00:00", false)]
    [TestCase(ConflictPolicy.SqlWins, "2001-01-01 00:00:00", true, TestName = "sql-wins, the first attempt failing before its commit")]
    [TestCase(ConflictPolicy.RealmWins, "1970-01-02 00:00:00", true, TestName = "realm-wins, the first attempt failing before its commit")]
    public async Task A_Realm_change_to_rows_SQL_changed_and_not_yet_sent_follows_the_conflict_policy_and_both_sides_agree(ConflictPolicy policy, string bornOfA, bool failOnce)
    {
        var (harness, run) = await StartAsync("/capture/conflict-" + ApplierOptions.PolicyText(policy) + (failOnce ? "-retried" : ""));
        await using var _ = harness;
        await harness.QueryAsync("""INSERT INTO app."Dog" (name) VALUES ('a'), ('b'), ('c');""");
        Assert.That(await run.SyncAsync(), Is.Null);
        await harness.QueryAsync("""UPDATE app."Dog" SET born = '2001-01-01' WHERE name = 'a'; DELETE FROM app."Dog" WHERE name = 'b';""");
        var realm = harness.Transaction(
            2,
            """{"type":"SET","object_type":"Dog","identity":"a","values":{"born":["date",86400000]}}""",
            """{"type":"SET","object_type":"Dog","identity":"b","values":{"born":["date",86400000]}}""",
            """{"type":"SET","object_type":"Dog","identity":"c","values":{"born":["date",86400000]}}""");
        run.ApplyToRealm(realm); // Realm made its change before it heard of SQL's
        await using var connections = harness.ApplierConnections();
        var failed = !failOnce;
        var applier = new PgTransactionApplier(connections)
        {
            Capture = new PgCapturePass(harness.ConnectionString, run.Options),
            Policy = policy,
            Checkpoint = (step, _) => step == PgTransactionApplier.ApplyStep.BeforeCommit && !failed ? throw new TimeoutException("simulated failure") : Task.CompletedTask,
        };
        var (mapped, _) = await applier.FindAsync(harness.RealmPath, CancellationToken.None);
        if (failOnce)
        {
            Assert.ThrowsAsync<TimeoutException>(() => applier.ApplyAsync(mapped!, realm, CancellationToken.None));
            failed = true; // the probe's outbox rows went back with the failed transaction: the retry finds the same conflicts
        }

        var outcome = await applier.ApplyAsync(mapped!, realm, CancellationToken.None);

        Assert.That(outcome.Conflicts, Is.EqualTo(2), "a (updated in SQL) and b (deleted in SQL); c is no conflict");
        var recorded = await harness.QueryAsync("""SELECT "ObjectIdentity", "Policy", "InstructionIndex" FROM realmsync."Conflict" ORDER BY "InstructionIndex";""");
        Assert.That(recorded.Select(r => ((string)r[0]!, (string)r[1]!, (int)r[2]!)), Is.EqualTo(new[]
        {
            ("\"a\"", ApplierOptions.PolicyText(policy), 0), ("\"b\"", ApplierOptions.PolicyText(policy), 1),
        }));
        var born = await harness.ScalarAsync("""SELECT born::text FROM app."Dog" WHERE name = 'a';""");
        Assert.That(born, Is.EqualTo(bornOfA));
        Assert.That(await harness.ScalarAsync("""SELECT count(*) FROM app."Dog" WHERE name = 'b';"""), Is.EqualTo(0L), "a SET does not bring back what SQL deleted");
        Assert.That(await run.SyncAsync(), Is.Null, "after the outbox reaches Realm, Realm and the tables agree");
    }

    [TestCase(ConflictPolicy.SqlWins)]
    [TestCase(ConflictPolicy.RealmWins)]
    public async Task A_Realm_SET_on_a_row_whose_delete_a_pass_already_took_is_a_conflict_not_bad_input(ConflictPolicy policy)
    {
        var (harness, run) = await StartAsync("/capture/sent-delete-" + ApplierOptions.PolicyText(policy));
        await using var _ = harness;
        await harness.QueryAsync("""INSERT INTO app."Dog" (name) VALUES ('a'), ('b');""");
        Assert.That(await run.SyncAsync(), Is.Null);
        await harness.QueryAsync("""DELETE FROM app."Dog" WHERE name = 'b';""");
        var (_, sent) = await run.PassAsync(); // the pass takes SQL's delete before Realm's transaction arrives
        var realm = harness.Transaction(
            2,
            """{"type":"SET","object_type":"Dog","identity":"a","values":{"born":["date",86400000]}}""",
            """{"type":"SET","object_type":"Dog","identity":"b","values":{"born":["date",86400000]}}""");
        run.ApplyToRealm(realm); // Realm made its change before it received the delete
        Assert.That(sent.Select(t => run.ApplyToRealm(t).Status), Has.None.EqualTo(Connector.Tests.Model.ModelStatus.Refused));
        await using var connections = harness.ApplierConnections();
        var applier = new PgTransactionApplier(connections) { Capture = new PgCapturePass(harness.ConnectionString, run.Options), Policy = policy };
        var (mapped, _) = await applier.FindAsync(harness.RealmPath, CancellationToken.None);

        var outcome = await applier.ApplyAsync(mapped!, realm, CancellationToken.None);

        Assert.That((outcome.Status, outcome.Conflicts), Is.EqualTo((ApplyStatus.Applied, 1)), "found in the outbox the pass wrote, not bad input");
        var recorded = await harness.QueryAsync("""SELECT "ObjectIdentity", "Policy", "InstructionIndex" FROM realmsync."Conflict";""");
        Assert.That(recorded.Select(r => ((string)r[0]!, (string)r[1]!, (int)r[2]!)), Is.EqualTo(new[] { ("\"b\"", ApplierOptions.PolicyText(policy), 1) }));
        Assert.That(await harness.ScalarAsync("""SELECT born::text FROM app."Dog" WHERE name = 'a';"""), Is.EqualTo("1970-01-02 00:00:00"), "the rest applies");
        Assert.That(await harness.ScalarAsync("""SELECT count(*) FROM app."Dog" WHERE name = 'b';"""), Is.EqualTo(0L));
        Assert.That(await run.SyncAsync(), Is.Null, "Realm and the tables agree; the delete is not sent again");
    }

    [Test]
    public async Task Under_realm_wins_a_list_edit_does_not_hide_an_SQL_update_of_its_owner_and_a_truncate_defers_to_the_poll_pass()
    {
        var (harness, run) = await StartAsync("/capture/conflict-list");
        await using var _ = harness;
        harness.Append(2,
            """{"type":"INSERT","object_type":"Person","identity":["objectId","0123456789abcdef01234567"],"values":{"_id":["objectId","0123456789abcdef01234567"],"name":"Ann"}}""",
            """{"type":"INSERT","object_type":"Dog","identity":"rex","values":{"name":"rex"}}""");
        Assert.That((await harness.RunOnceAsync()).Applied, Is.EqualTo(1));
        run.ApplyToRealm(harness.Journaled[^1]);
        Assert.That(await run.SyncAsync(), Is.Null);
        await using var connections = harness.ApplierConnections();
        var applier = new PgTransactionApplier(connections) { Capture = new PgCapturePass(harness.ConnectionString, run.Options), Policy = ConflictPolicy.RealmWins };
        var (mapped, _) = await applier.FindAsync(harness.RealmPath, CancellationToken.None);

        await harness.QueryAsync("""UPDATE app."Person" SET name = 'Sql';""");
        var edit = harness.Transaction(3, """{"type":"LIST_INSERT","object_type":"Person","identity":["objectId","0123456789abcdef01234567"],"property":"dogs","list_index":0,"object_identity":"rex"}""");
        run.ApplyToRealm(edit);
        Assert.That((await applier.ApplyAsync(mapped!, edit, CancellationToken.None)).Conflicts, Is.EqualTo(0), "an update of the owner is no conflict for a LIST_*");
        Assert.That(await run.SyncAsync(), Is.Null, "SQL's new name reached Realm, and Realm's list edit is in the tables");

        await harness.QueryAsync("""TRUNCATE app."Person__dogs";""");
        var set = harness.Transaction(4, """{"type":"SET","object_type":"Dog","identity":"rex","values":{"born":["date",0]}}""");
        run.ApplyToRealm(set);
        Assert.That((await applier.ApplyAsync(mapped!, set, CancellationToken.None)).Conflicts, Is.EqualTo(0), "a probe meeting a TRUNCATE leaves the reload to the poll pass");
        Assert.That(await run.SyncAsync(), Is.Null, "the poll pass re-sends the truncated list's owners whole, with Realm's change in the tables");
    }

    private static async Task<(PgInboundHarness Harness, PgCaptureRun Run)> StartAsync(string realmPath)
    {
        PostgresServer.Require();
        var connectionString = await PostgresServer.CreateDatabaseAsync("capturepass");
        var harness = await PgInboundHarness.StartAsync(connectionString, PgInboundHarness.Small, realmPath);
        harness.Append(harness.SchemaTransaction(PgInboundHarness.Small));
        Assert.That((await harness.RunOnceAsync()).Applied, Is.EqualTo(1));
        var run = new PgCaptureRun(connectionString, realmPath);
        run.ApplyToRealm(harness.Journaled[0]);
        return (harness, run);
    }
}
