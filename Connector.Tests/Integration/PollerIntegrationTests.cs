using Connector.Adapter;
using Connector.Applier;
using Connector.ChangeTracking;
using Connector.SqlServer.ChangeTracking;
using static Connector.Tests.ChangeTracking.DeltaRows;
using static Connector.Tests.Integration.Instructions;

namespace Connector.Tests.Integration;

/// <summary>
/// Tier 3, SQL Server to Realm: plain SQL writes through Change Tracking, the outbox and the outbound journal, read
/// back as Adapter transactions. Skipped, with the reason, when there is no SQL Server.
/// </summary>
[Category("Integration")]
[CancelAfter(300_000)]
public class PollerIntegrationTests
{
    private static readonly TimestampValue SecondDay = new(86_400, 0);

    [Test]
    public async Task Rows_written_in_sql_reach_the_journal_as_inserts_sets_and_deletes_with_their_change_tracking_range(CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(cancellationToken);
        var from = await harness.LowestWatermarkAsync(cancellationToken);
        await harness.ExecuteAsync("INSERT INTO [app].[Dog] ([name], [born]) VALUES (N'rex', '1970-01-02'), (N'fido', NULL);", cancellationToken);
        var middle = await harness.CurrentVersionAsync(cancellationToken);
        var first = await harness.PollAsync(cancellationToken);
        await harness.ExecuteAsync("UPDATE [app].[Dog] SET [born] = NULL WHERE [name] = N'rex'; DELETE FROM [app].[Dog] WHERE [name] = N'fido';", cancellationToken);
        var to = await harness.CurrentVersionAsync(cancellationToken);
        var second = await harness.PollAsync(cancellationToken);

        var shipped = await harness.ShipAsync(cancellationToken);

        Assert.That((first.Transactions, second.Transactions, shipped.Transactions), Is.EqualTo((1, 1, 2)));
        Assert.That(harness.Outbound(), Is.EqualTo(new[]
        {
            Outbound(1, from, middle,
                new InsertInstruction("Dog", new StringValue("fido"), Values(("name", new StringValue("fido")), ("born", RealmValue.Null), ("owner", RealmValue.Null))),
                new InsertInstruction("Dog", new StringValue("rex"), Values(("name", new StringValue("rex")), ("born", SecondDay), ("owner", RealmValue.Null)))),
            Outbound(2, middle, to,
                new SetInstruction("Dog", new StringValue("rex"), Values(("born", RealmValue.Null), ("owner", RealmValue.Null))),
                new DeleteInstruction("Dog", new StringValue("fido"))),
        }));
    }

    [Test]
    public async Task Rows_the_applier_wrote_for_realm_are_not_sent_back_but_a_later_sql_change_to_them_is(CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(cancellationToken);
        harness.Applier.Append(1,
            InsertPerson(Ann, "Ann", """, "tags": ["a"]"""), InsertDog("rex", $$""", "owner": {{Ann}}"""), List("LIST_INSERT", Ann, 0, "rex"));
        var applied = await harness.Applier.Applier().RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);

        var echo = await harness.PollAsync(cancellationToken);

        Assert.That((applied.Applied, echo.Transactions), Is.EqualTo((1, 0)));
        Assert.That(await harness.Database.ScalarAsync("SELECT COUNT(*) FROM [realmsync].[Outbox]", cancellationToken), Is.Zero);

        var from = await harness.LowestWatermarkAsync(cancellationToken);
        await harness.ExecuteAsync("UPDATE [app].[Dog] SET [born] = '1970-01-02' WHERE [name] = N'rex';", cancellationToken);
        var to = await harness.CurrentVersionAsync(cancellationToken);
        await harness.PollAsync(cancellationToken);
        await harness.ShipAsync(cancellationToken);

        Assert.That(harness.Outbound(), Is.EqualTo(new[]
        {
            Outbound(1, from, to, new SetInstruction("Dog", new StringValue("rex"), Values(("born", SecondDay), ("owner", new ObjectIdValue("5f0000000000000000000001"))))),
        }));
    }

    [Test]
    public async Task A_sql_change_to_a_row_that_a_realm_delete_cascades_into_still_reaches_realm(CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(cancellationToken);
        harness.Applier.Append(1, InsertPerson(Ann, "Ann"), InsertDog("rex", $$""", "owner": {{Ann}}"""));
        await harness.Applier.Applier().RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);
        await harness.PollAsync(cancellationToken); // the watermark now predates the SQL change below
        await harness.ExecuteAsync("UPDATE [app].[Dog] SET [born] = '1970-01-02' WHERE [name] = N'rex';", cancellationToken);

        // Realm deletes Ann: the applier nulls rex.owner (a cascade) on a row whose SQL change is not yet sent.
        harness.Applier.Append(2, Delete("Person", Ann));
        await harness.Applier.Applier().RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);
        await harness.PollAsync(cancellationToken);
        await harness.ShipAsync(cancellationToken);

        var sets = harness.Outbound().SelectMany(t => t.Instructions).OfType<SetInstruction>().ToList();
        Assert.That(sets, Has.Count.EqualTo(1), "the cascade ran under the resend context, so the poller did not skip rex");
        Assert.That(sets[0], Is.EqualTo(new SetInstruction("Dog", new StringValue("rex"), Values(("born", SecondDay), ("owner", RealmValue.Null)))));
    }

    [TestCase(ConflictPolicy.SqlWins, "1999-01-01", "sql-wins")]
    [TestCase(ConflictPolicy.RealmWins, "1970-01-01", "realm-wins")]
    public async Task A_row_changed_in_sql_after_the_last_poll_and_then_by_realm_is_resolved_by_the_policy_end_to_end(
        ConflictPolicy policy, string bornAfter, string recorded, CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(cancellationToken);
        var applier = harness.Applier.Applier(new ApplierOptions(ConflictPolicy: policy));
        harness.Applier.Append(1, InsertDog("rex"));
        await applier.RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);
        await harness.PollAsync(cancellationToken); // the watermark now predates the SQL change below
        var from = await harness.LowestWatermarkAsync(cancellationToken);
        await harness.ExecuteAsync("UPDATE [app].[Dog] SET [born] = '1999-01-01' WHERE [name] = N'rex';", cancellationToken);
        harness.Applier.Append(2, Set("Dog", "\"rex\"", """{"born": ["date", 0]}"""));

        var result = await applier.RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);
        var to = await harness.CurrentVersionAsync(cancellationToken);
        await harness.PollAsync(cancellationToken);
        await harness.ShipAsync(cancellationToken);

        var born = DateTime.Parse(bornAfter, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That((result.Applied, result.Conflicts), Is.EqualTo((1, 1)));
        Assert.That(await harness.Database.ScalarAsync("SELECT d.[born] FROM [app].[Dog] AS d WHERE d.[name] = N'rex'", cancellationToken), Is.EqualTo(born));
        Assert.That(await harness.Database.QueryAsync("SELECT c.[Version], c.[InstructionIndex], c.[ClassName], c.[ObjectIdentity], c.[Policy] FROM [realmsync].[Conflict] AS c", cancellationToken),
            Is.EqualTo(new[] { new object?[] { 2L, 0, "Dog", "\"rex\"", recorded } }));
        // sql-wins: Realm still holds its own value, so the SQL one goes out; realm-wins: the last write is the connector's, nothing goes out.
        var seconds = (long)(DateTime.SpecifyKind(born, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalSeconds;
        Assert.That(harness.Outbound(), Is.EqualTo(policy == ConflictPolicy.SqlWins
            ? new[] { Outbound(1, from, to, new SetInstruction("Dog", new StringValue("rex"), Values(("born", new TimestampValue(seconds, 0)), ("owner", RealmValue.Null)))) }
            : []));
    }

    [Test]
    public async Task A_table_whose_change_history_is_gone_is_resent_whole_with_clear_then_inserts_and_the_pass_reports_it(CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(cancellationToken);
        harness.Applier.Append(1, InsertDog("rex", """, "born": ["date", 86400000]"""));
        await harness.Applier.Applier().RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);
        // Cleanup raises CHANGE_TRACKING_MIN_VALID_VERSION only after the retention period, which a test cannot wait
        // for. Turning Change Tracking off and on again for the table drops its history the same way: the minimum
        // valid version becomes the version of re-enabling, above the watermark the deployment recorded.
        await harness.ExecuteAsync("ALTER TABLE [app].[Dog] DISABLE CHANGE_TRACKING; ALTER TABLE [app].[Dog] ENABLE CHANGE_TRACKING;", cancellationToken);
        var watermark = (long)(await harness.Database.ScalarAsync("SELECT w.[Version] FROM [realmsync].[TableWatermark] AS w WHERE w.[SqlTable] = N'Dog'", cancellationToken))!;
        var minValid = (long)(await harness.Database.ScalarAsync("SELECT CHANGE_TRACKING_MIN_VALID_VERSION(OBJECT_ID(N'[app].[Dog]'))", cancellationToken))!;
        Assert.That(watermark, Is.LessThan(minValid), "precondition: the Dog watermark must have fallen behind");
        var from = await harness.LowestWatermarkAsync(cancellationToken);
        var to = await harness.CurrentVersionAsync(cancellationToken);

        var poll = await harness.PollAsync(cancellationToken);
        await harness.ShipAsync(cancellationToken);

        Assert.That(poll.Warnings, Has.Some.Contains("table [app].[Dog] re-sent whole (CLEAR + INSERTs): its watermark is below CHANGE_TRACKING_MIN_VALID_VERSION"));
        // Person goes whole too: its dogs list links to Dog, and Realm's CLEAR of Dog dropped those links. It has no rows.
        Assert.That(harness.Outbound(), Is.EqualTo(new[]
        {
            Outbound(1, from, to,
                new ClearInstruction("Dog"),
                new ClearInstruction("Person"),
                new InsertInstruction("Dog", new StringValue("rex"), Values(("name", new StringValue("rex")), ("born", SecondDay), ("owner", RealmValue.Null)))),
        }));
    }

    [Test]
    public async Task A_crash_before_shipping_or_before_marking_shipped_loses_nothing_and_writes_each_version_once(CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(cancellationToken);
        await harness.ExecuteAsync("INSERT INTO [app].[Dog] ([name]) VALUES (N'rex');", cancellationToken);
        await harness.PollAsync(cancellationToken); // the process stops here: the outbox holds version 1, nothing shipped

        Assert.That((await harness.UnshippedAsync(cancellationToken), harness.Outbound().Count), Is.EqualTo((1, 0)));
        Assert.That(await harness.ShipAsync(store => store, cancellationToken), Is.EqualTo(1));

        await harness.ExecuteAsync("INSERT INTO [app].[Dog] ([name]) VALUES (N'fido');", cancellationToken);
        await harness.PollAsync(cancellationToken);
        Assert.That(() => harness.ShipAsync(store => new CrashBeforeMark(store), cancellationToken), Throws.TypeOf<IOException>());
        Assert.That(await harness.UnshippedAsync(cancellationToken), Is.EqualTo(1), "version 2 is in the journal but not marked shipped");

        var reshipped = await harness.ShipAsync(store => store, cancellationToken);

        Assert.That((reshipped, await harness.UnshippedAsync(cancellationToken)), Is.EqualTo((1, 0)));
        Assert.That(harness.Outbound().Select(t => t.Version).Distinct(), Is.EqualTo(new long[] { 1, 2 }));
        // The writer's sidecar skips the re-shipped version, so not even a duplicate line is written.
        Assert.That(harness.Outbound().Select(t => t.Version), Is.EqualTo(new long[] { 1, 2 }));
    }

    /// <summary>
    /// Finding 12: CHANGE_TRACKING_MIN_VALID_VERSION is NULL for a dropped (or renamed) table and for a table without
    /// Change Tracking alike; the pass now says which, with the fix, and exits "not ready". Nothing is written.
    /// </summary>
    [TestCase("DROP TABLE [app].[Dog];",
        "table [app].[Dog] does not exist, or the connector's login has no permission on it at all (SQL Server then hides it). If it was dropped or renamed")]
    [TestCase("ALTER TABLE [app].[Dog] DISABLE CHANGE_TRACKING;",
        "Change Tracking is not enabled on table [app].[Dog]. Run as db_owner: ALTER TABLE [app].[Dog] ENABLE CHANGE_TRACKING;")]
    public async Task A_table_the_poller_cannot_read_stops_the_pass_with_the_cause_and_its_fix(string change, string message, CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(cancellationToken);
        await harness.ExecuteAsync(change, cancellationToken);

        var e = Assert.ThrowsAsync<ChangeTrackingException>(async () => await harness.PollAsync(cancellationToken));

        Assert.That(e!.Message, Does.StartWith("Realm path '/small' cannot be polled: " + message));
        Assert.That(e.ExitCode, Is.EqualTo(Connector.ExitCodes.NotReady));
        Assert.That(await harness.Database.ScalarAsync("SELECT COUNT(*) FROM [realmsync].[Outbox]", cancellationToken), Is.Zero);
    }

    /// <summary>
    /// Finding 12, permissions: the status query as a principal that may SELECT but not VIEW CHANGE TRACKING, and as
    /// one with no permission at all (the table is then invisible to it, and so is its sys.change_tracking_tables
    /// row). Database users without login, impersonated on one connection: no server login is created.
    /// </summary>
    [TestCase("GRANT SELECT ON SCHEMA::[app] TO [poll_probe];",
        "the connector's login lacks VIEW CHANGE TRACKING on table [app].[Dog], which reading its changes needs. Run as db_owner: GRANT VIEW CHANGE TRACKING ON [app].[Dog] TO [realmsync_connector]; (or to the connector's login)")]
    [TestCase("GRANT VIEW CHANGE TRACKING ON SCHEMA::[app] TO [poll_probe];",
        "the connector's login lacks SELECT on table [app].[Dog], which reading its changes needs. Run as db_owner: GRANT SELECT ON [app].[Dog] TO [realmsync_connector]; (or to the connector's login)")]
    [TestCase("",
        "table [app].[Dog] does not exist, or the connector's login has no permission on it at all (SQL Server then hides it). If it was dropped or renamed, restore it under that name or remove it from the mapping; " +
        "otherwise run as db_owner: GRANT SELECT, VIEW CHANGE TRACKING ON [app].[Dog] TO [realmsync_connector];")]
    public async Task A_login_without_the_permissions_to_read_changes_is_told_which_grant_is_missing(string grant, string message, CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(cancellationToken);
        await harness.ExecuteAsync("CREATE USER [poll_probe] WITHOUT LOGIN; " + grant, cancellationToken);
        await using var connection = await harness.Database.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "EXECUTE AS USER = N'poll_probe';", cancellationToken);

        var status = await TrackingStatus.ReadAsync(connection, null, "[app].[Dog]", cancellationToken);

        // Back to the test's own login before the connection returns to the pool.
        await ExecuteAsync(connection, "REVERT;", cancellationToken);
        Assert.That(status.Problem("[app].[Dog]"), Is.EqualTo(message));
    }

    private static async Task ExecuteAsync(Microsoft.Data.SqlClient.SqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new Microsoft.Data.SqlClient.SqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static AdapterTransaction Outbound(long version, long from, long to, params Instruction[] instructions) =>
        new(ApplierHarness.RealmPath, version, [.. instructions], new ChangeTrackingSource(from, to));

    /// <summary>The journal write succeeds and the process dies before the outbox row is marked shipped.</summary>
    private sealed class CrashBeforeMark(IOutboxShippingStore inner) : IOutboxShippingStore
    {
        public Task<IReadOnlyList<OutboxEntry>> ReadUnshippedAsync(int realmId, int limit, CancellationToken cancellationToken) =>
            inner.ReadUnshippedAsync(realmId, limit, cancellationToken);

        public Task MarkShippedAsync(int realmId, long throughVersion, CancellationToken cancellationToken) =>
            throw new IOException("simulated crash after the journal write, before MarkShipped");
    }
}
