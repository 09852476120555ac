using System.Text.Json.Nodes;
using Connector.Adapter;
using Connector.Configuration;
using Connector.Tests.Cli;
using static Connector.Tests.Integration.Instructions;

namespace Connector.Tests.Integration;

/// <summary>
/// Tier 3, the DBA's first run: the connector as the login <c>scripts/sql-setup.sql</c> creates, never as the
/// administrator. The applier (schema growth included), the poller, the shipper, <c>status</c> and <c>doctor</c>
/// run through the command line exactly as a service would, so a permission the role lacks fails here.
/// Skipped, with the reason, when there is no SQL Server.
/// </summary>
[Category("Integration")]
[CancelAfter(600_000)]
public class LeastPrivilegeTests : WorkFolderTest
{
    private const string DataSchema = "app";

    [Test]
    public async Task Doctor_finds_every_permission_sql_setup_granted_and_nothing_missing(CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(cancellationToken);
        await using var login = await LeastPrivilegeLogin.CreateAsync(harness.Database, DataSchema, SchemaOptions.Auto, cancellationToken);

        var doctor = CliRun.Of("doctor", "--config", Config(login, harness, "auto"));

        Assert.That(doctor.ExitCode, Is.Zero, doctor.Output + doctor.Error);
        Assert.That(doctor.Output, Does.Contain($"as login {login.Name}"));
        Assert.That(doctor.Output, Does.Not.Contain("[FAIL]"));
    }

    [Test]
    public async Task Sync_as_the_login_applies_realm_changes_grows_the_schema_and_sends_sql_changes_back(CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(cancellationToken);
        await using var login = await LeastPrivilegeLogin.CreateAsync(harness.Database, DataSchema, SchemaOptions.Auto, cancellationToken);
        var config = Config(login, harness, "auto");
        harness.Applier.Append(1, InsertPerson(Ann, "Ann"), InsertDog("rex", $$""", "owner": {{Ann}}"""), List("LIST_INSERT", Ann, 0, "rex"));
        // Schema growth as the login: a new table, its table type and procedures in realmsync, a new column.
        harness.Applier.Append(2,
            """{"type": "ADD_TYPE", "object_type": "Cat", "primary_key": "name", "properties": {"name": {"type": "string"}, "lives": {"type": "int", "nullable": true}}}""",
            """{"type": "ADD_PROPERTIES", "object_type": "Dog", "properties": {"color": {"type": "string", "nullable": true}}}""",
            """{"type": "INSERT", "object_type": "Cat", "identity": "tom", "values": {"name": "tom", "lives": 9}}""",
            Set("Dog", "\"rex\"", """{"color": "brown"}"""));
        harness.Applier.Append(3, Delete("Dog", "\"rex\""));

        var first = CliRun.Of("sync", "--config", config);

        Assert.That(first.ExitCode, Is.Zero, first.Output + first.Error);
        Assert.That(await harness.Applier.CursorAsync(cancellationToken), Is.EqualTo(3));
        Assert.That(await harness.Database.QueryAsync("SELECT c.[name], c.[lives] FROM [app].[Cat] AS c", cancellationToken),
            Is.EqualTo(new[] { new object?[] { "tom", 9L } }));
        Assert.That(await harness.Database.ScalarAsync("SELECT COUNT(*) FROM [app].[Person__dogs] AS l", cancellationToken), Is.Zero);
        Assert.That(harness.Outbound(), Is.Empty, "Realm's own changes are not echoed back");

        // A SQL user's changes, as the administrator, reach Realm through the login's poll and ship.
        await harness.ExecuteAsync("INSERT INTO [app].[Dog] ([name], [color]) VALUES (N'sql-dog', N'black'); UPDATE [app].[Cat] SET [lives] = 8 WHERE [name] = N'tom';", cancellationToken);
        var second = CliRun.Of("sync", "--config", config);

        Assert.That(second.ExitCode, Is.Zero, second.Output + second.Error);
        var sent = harness.Outbound().SelectMany(t => t.Instructions).ToList();
        Assert.That(sent.OfType<ObjectInstruction>().Select(i => (i.GetType().Name, i.ObjectType, AdapterValueWriter.ToJson(i.Identity))),
            Is.EquivalentTo(new[] { (nameof(InsertInstruction), "Dog", "\"sql-dog\""), (nameof(SetInstruction), "Cat", "\"tom\"") }));
    }

    [Test]
    public async Task Status_runs_as_the_login_and_reports_the_realm_path(CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(cancellationToken);
        await using var login = await LeastPrivilegeLogin.CreateAsync(harness.Database, DataSchema, SchemaOptions.Auto, cancellationToken);
        var config = Config(login, harness, "auto");
        Assert.That(CliRun.Of("sync", "--config", config).ExitCode, Is.Zero);

        var status = CliRun.Of("status", "--config", config);

        Assert.That(status.ExitCode, Is.Zero, status.Output + status.Error);
        Assert.That(status.Output, Does.Contain(ApplierHarness.RealmPath));
        Assert.That(status.Output, Does.Contain("[app].[Dog]"));
    }

    [Test]
    public async Task In_script_mode_the_login_has_no_alter_or_create_and_a_schema_change_waits_for_the_dba(CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(cancellationToken);
        await using var login = await LeastPrivilegeLogin.CreateAsync(harness.Database, DataSchema, SchemaOptions.Script, cancellationToken);
        var config = Config(login, harness, "script");
        harness.Applier.Append(1, InsertDog("rex"));
        harness.Applier.Append(2, """{"type": "ADD_PROPERTIES", "object_type": "Dog", "properties": {"color": {"type": "string", "nullable": true}}}""");

        Assert.That(await login.HasPermissionAsync("realmsync", "SCHEMA", "ALTER", cancellationToken), Is.False);
        Assert.That(await login.HasPermissionAsync(DataSchema, "SCHEMA", "ALTER", cancellationToken), Is.False);
        Assert.That(await login.HasPermissionAsync(null, "DATABASE", "CREATE PROCEDURE", cancellationToken), Is.False);
        var doctor = CliRun.Of("doctor", "--config", config);
        Assert.That(doctor.ExitCode, Is.Zero, doctor.Output + doctor.Error);

        var sync = CliRun.Of("sync", "--config", config);

        Assert.That(sync.ExitCode, Is.EqualTo(9), sync.Output + sync.Error);
        Assert.That(await harness.Applier.CursorAsync(cancellationToken), Is.EqualTo(1));
        Assert.That(File.Exists(Connector.SqlServer.Applier.SchemaScriptFile.PathFor(harness.Applier.Journal, ApplierHarness.RealmPath, 2)), Is.True);
    }

    [Test]
    public async Task Two_clustered_nodes_share_the_jobs_as_the_login_on_the_quartz_tables_the_dba_created(CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(cancellationToken);
        await using var login = await LeastPrivilegeLogin.CreateAsync(harness.Database, DataSchema, SchemaOptions.Auto, cancellationToken);
        await harness.Database.RunScriptAsync(SqlCmdScript.Load("quartz-tables.sql"), cancellationToken);
        harness.Applier.Append(1, InsertDog("rex"));
        var options = login.Options(SchemaOptions.Auto);
        options.Realm.JournalPath = harness.Applier.Journal.Root;
        options.Scheduler.Clustered = true;
        options.Scheduler.InboundInterval = options.Scheduler.PollInterval = options.Scheduler.ShipInterval = TimeSpan.FromSeconds(1);
        using var first = Node(options);
        using var second = Node(options);

        await first.StartAsync(cancellationToken);
        await second.StartAsync(cancellationToken);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await harness.Database.ScalarAsync("SELECT COUNT(*) FROM [realmsync].[InboundCursor] AS c WHERE c.[Version] = 1", cancellationToken) is 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500, cancellationToken);
            }

            Assert.That(await harness.Applier.CursorAsync(cancellationToken), Is.EqualTo(1), "a node applied the journal through the clustered job store");
            Assert.That(await harness.Database.ScalarAsync(
                "SELECT COUNT(*) FROM [realmsync].[QRTZ_SCHEDULER_STATE] AS s WHERE s.[SCHED_NAME] = N'" + options.Scheduler.InstanceName + "'", cancellationToken),
                Is.EqualTo(2), "both nodes checked in to the cluster");
        }
        finally
        {
            await second.StopAsync(CancellationToken.None);
            await first.StopAsync(CancellationToken.None);
        }
    }

    private static Microsoft.Extensions.Hosting.IHost Node(ConnectorOptions options)
    {
        var builder = Connector.Scheduling.ConnectorHost.CreateBuilder(options);
        Connector.Scheduling.ConnectorSchedule.Add(builder.Services, options);
        return builder.Build();
    }

    private string Config(LeastPrivilegeLogin login, PollerHarness harness, string applyMode)
    {
        var path = Path.Combine(Work, "connector.config.json");
        File.WriteAllText(path, new JsonObject
        {
            ["RealmSqlServer"] = new JsonObject
            {
                ["SqlServer"] = new JsonObject { ["ConnectionString"] = login.ConnectionString, ["Schema"] = DataSchema },
                ["Realm"] = new JsonObject { ["JournalPath"] = harness.Applier.Journal.Root },
                ["Schema"] = new JsonObject { ["ApplyMode"] = applyMode },
                ["Sync"] = new JsonObject { ["MaxRetries"] = 0 },
            },
        }.ToJsonString());
        return path;
    }
}
