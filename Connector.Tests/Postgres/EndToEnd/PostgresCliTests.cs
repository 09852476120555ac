using Connector.Tests.Cli;
using Connector.Tests.Journal;
using Npgsql;

namespace Connector.Tests.Postgres.EndToEnd;

/// <summary>
/// The commands a DBA runs, on a real PostgreSQL: <c>bootstrap --provider postgres --apply</c> deploys the sample schema,
/// <c>sync</c> applies the sample journal through the configuration's Database:Provider, and <c>plan --provider postgres</c>
/// writes a script that, run by psql's rules on a second database, leaves the same tables.
/// </summary>
[TestFixture]
public sealed class PostgresCliTests
{
    private static readonly string Samples = Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "samples");

    [Test]
    public async Task Bootstrap_apply_then_sync_applies_the_sample_journal()
    {
        PostgresServer.Require();
        var connectionString = await PostgresServer.CreateDatabaseAsync("cli");
        using var journal = new JournalDirectory();
        var config = PgTestConfig.Write(connectionString, journal.Root);
        var output = Path.Combine(journal.Root, "out");

        var bootstrap = CliRun.Of("bootstrap", "--provider", "postgres", "--realm-schema", Path.Combine(Samples, "realm-schema.json"), "--out", output, "--apply", "--config", config);
        Assert.That(bootstrap.ExitCode, Is.EqualTo(0), bootstrap.Error + bootstrap.Output);
        Assert.That(bootstrap.Output, Does.Contain("Deployed to").And.Not.Contain("Password"));

        File.Copy(Path.Combine(Samples, "instructions.jsonl"), Path.Combine(journal.Inbound("/default"), "00000000000000000001.jsonl"));
        var sync = CliRun.Of("sync", "--config", config);
        Assert.That(sync.ExitCode, Is.EqualTo(0), sync.Error + sync.Output);
        Assert.That(sync.Output, Does.Contain("Inbound: 4 transaction(s)"));

        await using var connection = await PostgresServer.OpenAsync(connectionString, CancellationToken.None);
        Assert.That(await ScalarAsync(connection, """SELECT "Version" FROM realmsync."InboundCursor";"""), Is.EqualTo(5L));
        Assert.That(await ScalarAsync(connection, """SELECT string_agg("_target", ',' ORDER BY "_position") FROM public."Person__dogs";"""), Is.EqualTo("Fido"));
    }

    [Test]
    public async Task The_plan_script_runs_on_postgresql_and_leaves_what_the_applier_leaves()
    {
        PostgresServer.Require();
        var applied = await PostgresServer.CreateDatabaseAsync("planapplied");
        var planned = await PostgresServer.CreateDatabaseAsync("planned");
        using var journal = new JournalDirectory();
        var output = Path.Combine(journal.Root, "out");
        foreach (var database in new[] { applied, planned })
        {
            var run = CliRun.Of("bootstrap", "--provider", "postgres", "--realm-schema", Path.Combine(Samples, "realm-schema.json"), "--out", output, "--apply", "--config", PgTestConfig.Write(database, journal.Root));
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        }

        File.Copy(Path.Combine(Samples, "instructions.jsonl"), Path.Combine(journal.Inbound("/default"), "00000000000000000001.jsonl"));
        var sync = CliRun.Of("sync", "--config", PgTestConfig.Write(applied, journal.Root));
        Assert.That(sync.ExitCode, Is.EqualTo(0), sync.Error);
        var plan = CliRun.Of("plan", "--provider", "postgres", "--realm-schema", Path.Combine(Samples, "realm-schema.json"), "--instructions", Path.Combine(Samples, "instructions.jsonl"), "--out", output);
        Assert.That(plan.ExitCode, Is.EqualTo(0), plan.Error);

        await using (var connection = await PostgresServer.OpenAsync(planned, CancellationToken.None))
        await using (var command = new NpgsqlCommand(await File.ReadAllTextAsync(Path.Combine(output, "plan.sql")), connection))
        {
            await command.ExecuteNonQueryAsync();
        }

        await using var left = await PostgresServer.OpenAsync(applied, CancellationToken.None);
        await using var right = await PostgresServer.OpenAsync(planned, CancellationToken.None);
        Assert.That(await StateTexts.FromDatabaseAsync(right, "/default"), Is.EqualTo(await StateTexts.FromDatabaseAsync(left, "/default")));
        Assert.That(await ScalarAsync(right, """SELECT "Version" FROM realmsync."InboundCursor";"""), Is.EqualTo(5L));
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
