using System.Globalization;
using Connector.Applier;
using Microsoft.Data.SqlClient;
using static Connector.Tests.Integration.Instructions;

namespace Connector.Tests.Integration;

/// <summary>Tier 3: failures and conflicts against a real SQL Server. Skipped, with the reason, when there is none.</summary>
[Category("Integration")]
[CancelAfter(300_000)]
public class InboundFailureTests
{
    [Test]
    public async Task A_session_killed_before_commit_is_retried_and_loses_and_duplicates_nothing(CancellationToken cancellationToken)
    {
        await using var harness = await ApplierHarness.StartAsync(cancellationToken);
        harness.Append(1, InsertDog("rex"));
        var applier = harness.Applier();
        await applier.RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);
        harness.Append(2, InsertDog("fido"), Set("Dog", "\"rex\"", """{"born": ["date", 0]}"""));

        // Hold the cursor row so that the applier blocks on its last step, then kill its session from outside.
        await using var blocker = await harness.Database.OpenAsync(cancellationToken);
        var hold = (SqlTransaction)await blocker.BeginTransactionAsync(cancellationToken);
        await using (var command = new SqlCommand("UPDATE c SET c.[UpdatedAt] = c.[UpdatedAt] FROM [realmsync].[InboundCursor] AS c;", blocker, hold))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var run = applier.RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);
        var victim = await BlockedSessionAsync(blocker, hold, cancellationToken);
        await using (var killer = await harness.Database.OpenAsync(cancellationToken))
        await using (var kill = new SqlCommand("KILL " + victim.ToString(CultureInfo.InvariantCulture) + ";", killer))
        {
            await kill.ExecuteNonQueryAsync(cancellationToken);
        }

        await hold.RollbackAsync(cancellationToken);
        var result = await run;

        Assert.That((result.Status, result.Applied, result.Cursor), Is.EqualTo((InboundRunStatus.CaughtUp, 1, 2L)));
        Assert.That(await harness.Database.QueryAsync("SELECT d.[name], d.[born] FROM [app].[Dog] AS d ORDER BY d.[name]", cancellationToken),
            Is.EqualTo(new[] { new object?[] { "fido", null }, new object?[] { "rex", new DateTime(1970, 1, 1) } }));
    }

    [Test]
    public async Task A_bad_transaction_leaves_nothing_but_its_dead_letter_and_stops_the_realm_path(CancellationToken cancellationToken)
    {
        await using var harness = await ApplierHarness.StartAsync(cancellationToken);
        harness.Append(1, InsertDog("rex"), Set("Dog", "\"ghost\"", """{"born": null}"""));
        harness.Append(2, InsertDog("fido"));

        var result = await harness.Applier().RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);

        Assert.That((result.Status, result.DeadLettered, result.Cursor), Is.EqualTo((InboundRunStatus.Stopped, 1, 0L)));
        Assert.That(await harness.Database.ScalarAsync("SELECT COUNT(*) FROM [app].[Dog]", cancellationToken), Is.Zero);
        Assert.That(await harness.CursorAsync(cancellationToken), Is.Zero);
        var deadLetters = await harness.Database.QueryAsync("SELECT d.[Version], d.[InstructionIndex], d.[Error] FROM [realmsync].[DeadLetter] AS d", cancellationToken);
        Assert.That(deadLetters, Has.Count.EqualTo(1));
        Assert.That(deadLetters[0][..2], Is.EqualTo(new object?[] { 1L, 1 }));
        Assert.That((string)deadLetters[0][2]!, Does.Contain("SET on an object of class 'Dog' that does not exist"));
    }

    [Test]
    public async Task With_skip_a_bad_transaction_is_dead_lettered_and_the_next_one_applied(CancellationToken cancellationToken)
    {
        await using var harness = await ApplierHarness.StartAsync(cancellationToken);
        harness.Append(1, InsertPerson(Ann, "Ann"), List("LIST_INSERT", Ann, 5, "rex"));
        harness.AppendRaw("{not json");
        harness.Append(3, InsertDog("fido"));

        var result = await harness.Applier(new ApplierOptions(OnBadTransaction: BadTransactionPolicy.Skip)).RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);

        Assert.That((result.Status, result.Applied, result.DeadLettered, result.Cursor), Is.EqualTo((InboundRunStatus.CaughtUp, 1, 2, 3L)));
        Assert.That(await harness.Database.ScalarAsync("SELECT COUNT(*) FROM [app].[Person]", cancellationToken), Is.Zero);
        Assert.That(await harness.Database.QueryAsync("SELECT d.[name] FROM [app].[Dog] AS d", cancellationToken), Is.EqualTo(new[] { new object?[] { "fido" } }));
        Assert.That(await harness.Database.QueryAsync("SELECT d.[Version], d.[InstructionIndex] FROM [realmsync].[DeadLetter] AS d ORDER BY d.[DeadLetterId]", cancellationToken),
            Is.EqualTo(new[] { new object?[] { 1L, 1 }, new object?[] { 0L, null } }));
    }

    [TestCase(ConflictPolicy.SqlWins, "1999-01-01", "sql-wins")]
    [TestCase(ConflictPolicy.RealmWins, "1970-01-01", "realm-wins")]
    public async Task A_row_changed_in_sql_since_it_was_sent_to_realm_is_resolved_by_the_policy_and_recorded(
        ConflictPolicy policy, string bornAfter, string recorded, CancellationToken cancellationToken)
    {
        await using var harness = await ApplierHarness.StartAsync(cancellationToken);
        harness.Append(1, InsertDog("rex"), InsertDog("fido"));
        var applier = harness.Applier(new ApplierOptions(ConflictPolicy: policy));
        await applier.RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);
        // As if the poller had sent everything to Realm up to now; then a SQL user changes rex.
        await harness.Database.RunScriptAsync(
            Watermarks.SentUpToNow + "\nUPDATE d SET d.[born] = '1999-01-01' FROM [app].[Dog] AS d WHERE d.[name] = N'rex';", cancellationToken);
        harness.Append(2, Set("Dog", "\"rex\"", """{"born": ["date", 0]}"""), Set("Dog", "\"fido\"", """{"born": ["date", 0]}"""));

        var result = await applier.RunOnceAsync(ApplierHarness.RealmPath, cancellationToken);

        Assert.That((result.Applied, result.Conflicts, result.Cursor), Is.EqualTo((1, 1, 2L)));
        Assert.That(await harness.Database.QueryAsync("SELECT d.[name], d.[born] FROM [app].[Dog] AS d ORDER BY d.[name]", cancellationToken),
            Is.EqualTo(new[]
            {
                new object?[] { "fido", new DateTime(1970, 1, 1) },
                new object?[] { "rex", DateTime.Parse(bornAfter, CultureInfo.InvariantCulture) },
            }));
        Assert.That(await harness.Database.QueryAsync("SELECT c.[Version], c.[InstructionIndex], c.[ClassName], c.[ObjectIdentity], c.[Policy] FROM [realmsync].[Conflict] AS c", cancellationToken),
            Is.EqualTo(new[] { new object?[] { 2L, 0, "Dog", "\"rex\"", recorded } }));
    }

    /// <summary>The session waiting on <paramref name="blocker"/>'s lock, once there is one.</summary>
    private static async Task<short> BlockedSessionAsync(SqlConnection blocker, SqlTransaction hold, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            await using var command = new SqlCommand(
                "SELECT TOP (1) r.[session_id] FROM sys.dm_exec_requests AS r WHERE r.[blocking_session_id] = @@SPID;", blocker, hold);
            if (await command.ExecuteScalarAsync(cancellationToken) is short session)
            {
                return session;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException("the applier never blocked on the held cursor row");
    }
}
