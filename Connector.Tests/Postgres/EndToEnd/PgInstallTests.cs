using Connector.Postgres;
using Connector.Tests.Cli;
using Npgsql;

namespace Connector.Tests.Postgres.EndToEnd;

/// <summary><c>install</c> on PostgreSQL: what logical replication needs is checked and named; publications and slots are created once; growth keeps them whole.</summary>
[TestFixture]
public sealed class PgInstallTests
{
    [Test]
    public async Task Install_sets_up_capture_for_every_mapped_path_once_and_growth_joins_the_publication()
    {
        PostgresServer.Require();
        var connectionString = await PostgresServer.CreateDatabaseAsync("install");
        var harness = await PgInboundHarness.StartAsync(connectionString, PgInboundHarness.Small, "/installed");
        var config = PgTestConfig.Write(connectionString);

        var first = CliRun.Of("install", "--config", config);
        Assert.That(first.ExitCode, Is.EqualTo(0), first.Output + first.Error);
        var slot = (string)(await harness.ScalarAsync("SELECT 'realmsync_' || d.oid || '_1' FROM pg_catalog.pg_database AS d WHERE d.datname = current_database();"))!;
        Assert.That(first.Output, Does.Contain($"PASS Realm path '/installed': publication realmsync_1 and replication slot {slot} are in place."));
        Assert.That(CliRun.Of("install", "--config", config).ExitCode, Is.EqualTo(0), "a second install changes nothing");
        Assert.That(await harness.ScalarAsync("SELECT count(*) FROM pg_catalog.pg_replication_slots WHERE slot_name LIKE 'realmsync%' AND database = current_database();"), Is.EqualTo(1L));

        // A schema growth after install: the new class's table joins the publication, and its SQL changes are captured.
        harness.Append(harness.SchemaTransaction(PgInboundHarness.Small));
        harness.Append(2, """{"type":"ADD_TYPE","object_type":"Toy","primary_key":"id","properties":{"id":{"type":"int","nullable":false},"label":{"type":"string","nullable":true}}}""",
            """{"type":"INSERT","object_type":"Toy","identity":1,"values":{"label":"ball"} }""");
        Assert.That((await harness.RunOnceAsync()).Applied, Is.EqualTo(2));
        Assert.That(await harness.ScalarAsync("SELECT count(*) FROM pg_catalog.pg_publication_tables WHERE pubname = 'realmsync_1' AND tablename = 'Toy';"), Is.EqualTo(1L));
        await harness.QueryAsync("""UPDATE app."Toy" SET "label" = 'kite' WHERE "id" = 1;""");
        var (changes, _) = await new PgChangeReader(connectionString).ReadAsync(1, CancellationToken.None);
        Assert.That(changes.Select(c => (c.Table, c.Kind, c.Values["label"])), Is.EqualTo(new[] { ("Toy", PgChangeKind.Update, (string?)"kite") }),
            "the connector's own INSERT is left out, the DBA's UPDATE is read");
    }

    [Test]
    public async Task A_role_without_replication_is_told_what_to_run()
    {
        PostgresServer.Require();
        var connectionString = await PostgresServer.CreateDatabaseAsync("norepl");
        await PgInboundHarness.StartAsync(connectionString, PgInboundHarness.Small, "/norepl");
        var role = "realmsync_norepl_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = await PostgresServer.OpenAsync(connectionString, CancellationToken.None))
        await using (var create = new NpgsqlCommand($"CREATE ROLE {role} LOGIN NOREPLICATION; GRANT USAGE ON SCHEMA realmsync TO {role}; GRANT SELECT ON ALL TABLES IN SCHEMA realmsync TO {role};", admin))
        {
            await create.ExecuteNonQueryAsync();
        }

        var limited = new NpgsqlConnectionStringBuilder(connectionString) { Username = role, Password = null }.ConnectionString;
        var run = CliRun.Of("install", "--config", PgTestConfig.Write(limited));
        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output + run.Error);
        Assert.That(run.Output, Does.Contain($"FAIL role {role} has no REPLICATION attribute: run ALTER ROLE \"{role}\" REPLICATION; as a superuser."));
    }
}
