using Connector.Applier;
using Connector.Tests.Cli;

namespace Connector.Tests.Postgres.EndToEnd;

/// <summary><c>doctor</c> and <c>status</c> with Database.Provider postgres, on a real server.</summary>
[TestFixture]
public sealed class PgOperationsTests
{
    [Test]
    public async Task Doctor_names_a_missing_catalog_then_passes_once_deployed_and_status_reports_each_path()
    {
        PostgresServer.Require();
        var connectionString = await PostgresServer.CreateDatabaseAsync("doctor");
        var config = PgTestConfig.Write(connectionString);

        var empty = CliRun.Of("doctor", "--config", config);
        Assert.That(empty.ExitCode, Is.EqualTo(8), empty.Output + empty.Error);
        Assert.That(empty.Output, Does.Contain("[FAIL] catalog: schema realmsync holds no catalog."));
        Assert.That(empty.Output, Does.Contain("[ok] encoding: the database is UTF8."));
        Assert.That(CliRun.Of("status", "--config", config).ExitCode, Is.EqualTo(8), "status without a catalog");

        var harness = await PgInboundHarness.StartAsync(connectionString, PgInboundHarness.Small, "/doctored");
        harness.Append(harness.SchemaTransaction(PgInboundHarness.Small));
        harness.Append(2, """{"type":"SET","object_type":"Dog","identity":"nobody","values":{} }""");
        await harness.RunOnceAsync(new ApplierOptions(OnBadTransaction: BadTransactionPolicy.Skip));

        var doctor = CliRun.Of("doctor", "--config", config);
        Assert.That(doctor.ExitCode, Is.EqualTo(0), doctor.Output + doctor.Error);
        Assert.That(doctor.Output, Does.Contain("[ok] catalog: catalog version 3, 1 Realm path(s) mapped."));
        Assert.That(doctor.Output, Does.Contain("[ok] tables of '/doctored':").And.Contain("owned by the connector's role."));
        Assert.That(doctor.Output, Does.Not.Contain("Password"));

        var status = CliRun.Of("status", "--config", config);
        Assert.That(status.ExitCode, Is.EqualTo(0), status.Output + status.Error);
        Assert.That(status.Output, Does.Contain("Realm path '/doctored' (schema app): inbound cursor version 2").And.Contain("1 dead letter(s); 0 conflict(s); 1 schema deployment(s)."));
        Assert.That(status.Output, Does.Contain("  capture: never read (the first capture pass sends the tables whole); outbox empty."));
        Assert.That(status.Output, Does.Contain("change capture: no replication slot"));

        Assert.That(CliRun.Of("install", "--config", config).ExitCode, Is.EqualTo(0));
        var captured = CliRun.Of("status", "--config", config);
        Assert.That(captured.Output, Does.Match(@"change capture: slot inactive, wal_status reserved, retains [\d,]+ bytes of WAL, [\d,]+ bytes not yet confirmed\."));
        var synced = CliRun.Of("sync", "--config", config);
        Assert.That(synced.ExitCode, Is.EqualTo(0), synced.Output + synced.Error);
        var after = CliRun.Of("status", "--config", config);
        Assert.That(after.Output, Does.Match(@"  capture: read up to [0-9A-F]+/[0-9A-F]+, [\d,]+ bytes of WAL behind, [\d.]+ s since the last pass that read; outbox empty\."),
            "sync captured (the initial load) and shipped");
    }

    [Test]
    public void Doctor_without_a_server_says_so_with_exit_code_7()
    {
        var run = CliRun.Of("doctor", "--config", PgTestConfig.Write("Host=127.0.0.1;Port=1;Database=none;Username=nobody;Password=secret;Timeout=2"));
        Assert.That(run.ExitCode, Is.EqualTo(7), run.Output + run.Error);
        Assert.That(run.Output, Does.Contain("[FAIL] connection: cannot use").And.Not.Contain("secret"));
    }
}
