using Connector.Configuration;
using Connector.Operations;
using Connector.SqlServer.ChangeTracking;
using Connector.SqlServer.Operations;
using Connector.SqlServer.Sql;
using Microsoft.Data.SqlClient;

namespace Connector.Tests.Integration;

/// <summary>
/// Tier 3, operations: <c>status</c>'s time-based retention warning, and <c>doctor</c>'s permission checks run as a
/// login that scripts/sql-setup.sql prepared (per mapped schema, per apply mode, the Quartz tables), and what the
/// role can reach through ownership chains once realmsync belongs to realmsync_owner. Needs a server that accepts
/// SQL logins (mixed authentication; the Testcontainers server does). Skipped, with the reason, without a server.
/// </summary>
[Category("Integration")]
[CancelAfter(300_000)]
public class OperationsIntegrationTests
{
    [Test]
    public async Task Status_warns_for_a_watermark_not_advanced_for_most_of_the_retention_period(CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(cancellationToken);
        // One pass advances every watermark to the current version, and stamps it now.
        await harness.PollAsync(cancellationToken);
        var tables = await harness.Database.QueryAsync("SELECT w.[SqlSchema], w.[SqlTable] FROM [realmsync].[TableWatermark] AS w ORDER BY w.[SqlTable]", cancellationToken);
        Assert.That(tables, Has.Count.GreaterThan(1), "a watermark per generated table");
        var (schema, table) = ((string)tables[0][0]!, (string)tables[0][1]!);
        // The test database keeps changes 2 days: 40 hours leaves 8, under a quarter.
        await harness.ExecuteAsync(
            "WITH [first] AS (SELECT TOP (1) w.[UpdatedAt] FROM [realmsync].[TableWatermark] AS w ORDER BY w.[SqlTable]) " +
            "UPDATE [first] SET [UpdatedAt] = DATEADD(HOUR, -40, SYSUTCDATETIME());",
            cancellationToken);

        await using var connection = await OperationsConnection.OpenAsync(new SqlServerOptions { ConnectionString = harness.Database.ConnectionString }, cancellationToken);
        var report = await StatusReader.ReadAsync(connection, cancellationToken);
        using var output = new StringWriter();
        var warnings = StatusWriter.Write(report, [], 0.25, output);

        Assert.That(report.Retention?.ToString(), Is.EqualTo("2 days"));
        Assert.That(warnings, Is.EqualTo(1));
        var lines = output.ToString().ReplaceLineEndings("\n").Split('\n');
        Assert.That(lines.Single(l => l.Contains(SqlIdentifier.Quote(schema, table) + ":", StringComparison.Ordinal)),
            Does.Match(@"^  WARNING table .*: watermark \d+, lag \d+; advanced 1\.16:00:\d\d ago: (07:59:\d\d|08:00:00) of the 2 days retention left, under 25 %; poll more often or raise the retention$"));
        Assert.That(lines.Where(l => l.StartsWith("  table ", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(tables.Count - 1)
            .And.All.Match(@"; advanced 00:0\d:\d\d ago; (1\.23:5\d:\d\d|2\.00:00:00) of the 2 days retention left$"));
    }

    [Test]
    public async Task Doctor_checks_every_sql_first_table_on_the_table_as_the_connectors_login(CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(cancellationToken);
        await MapSqlFirstAsync(harness, "CREATE SCHEMA [legacy];\nGO\n", "legacy", "Orders", cancellationToken);

        await using var login = await LeastPrivilegeLogin.CreateAsync(harness.Database, "app", SchemaOptions.Auto, cancellationToken);
        var options = login.Options(SchemaOptions.Auto, "legacy.Orders");
        Assert.That((await login.PermissionsAsync(options, cancellationToken)).Line(),
            Is.EqualTo($"[ok] permissions: login {login.Name} holds every permission the connector needs (Schema.ApplyMode = auto; schemas [app] and, read only, tables [legacy].[Orders])."));

        await harness.ExecuteAsync($"DENY VIEW CHANGE TRACKING ON [legacy].[Orders] TO [{RequiredPermissions.Role}];", cancellationToken);
        options.SqlFirst.Tables.Add("staging.Later");
        var failed = (await login.PermissionsAsync(options, cancellationToken)).Line();

        Assert.That(failed, Does.StartWith($"[FAIL] permissions: login {login.Name} lacks (Schema.ApplyMode = auto; schemas [app] and, read only, tables [legacy].[Orders], [staging].[Later]): "));
        Assert.That(failed, Does.Contain("VIEW CHANGE TRACKING on table [legacy].[Orders] (to read the changes of this SQL-first table with CHANGETABLE)"));
        Assert.That(failed, Does.Not.Contain("SELECT on table [legacy].[Orders]"), "the table-level SELECT stands; the DENY is on VIEW CHANGE TRACKING");
        Assert.That(failed, Does.Contain("not checked: [staging].[Later] of SqlFirst.Tables, not mapped yet and hidden from this login"), "schema staging does not exist");
    }

    [Test]
    public async Task A_sql_first_table_in_dbo_opens_that_table_to_the_role_and_no_other_table_of_dbo(CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(cancellationToken);
        await MapSqlFirstAsync(harness, "CREATE TABLE [dbo].[Payroll] ([id] int NOT NULL CONSTRAINT [PK_Payroll] PRIMARY KEY);\nGO\n", "dbo", "Customer", cancellationToken);

        await using var login = await LeastPrivilegeLogin.CreateAsync(harness.Database, "app", SchemaOptions.Script, cancellationToken);
        // What an earlier version of sql-setup.sql granted on a SQL-first schema: the next run takes it back.
        await harness.ExecuteAsync($"GRANT SELECT, VIEW CHANGE TRACKING ON SCHEMA::[dbo] TO [{RequiredPermissions.Role}];", cancellationToken);
        await login.SetUpAsync(SchemaOptions.Script, cancellationToken);

        Assert.That(await login.HasPermissionAsync("[dbo].[Customer]", "OBJECT", "SELECT", cancellationToken), Is.True);
        Assert.That(await login.HasPermissionAsync("[dbo].[Customer]", "OBJECT", "VIEW CHANGE TRACKING", cancellationToken), Is.True);
        Assert.That(await login.HasPermissionAsync("[dbo].[Customer]", "OBJECT", "UPDATE", cancellationToken), Is.False, "the connector never writes a SQL-first table");
        Assert.That(await login.HasPermissionAsync("[dbo].[Payroll]", "OBJECT", "SELECT", cancellationToken), Is.False);
        Assert.That(await login.HasPermissionAsync("dbo", "SCHEMA", "SELECT", cancellationToken), Is.False);
        Assert.That((await login.PermissionsAsync(login.Options(SchemaOptions.Script, "dbo.Customer"), cancellationToken)).Outcome, Is.EqualTo(CheckOutcome.Pass));
    }

    [Test]
    public async Task Sql_setup_grants_what_each_apply_mode_needs_and_takes_back_what_script_does_not(CancellationToken cancellationToken)
    {
        await using var harness = await ApplierHarness.StartAsync(cancellationToken);
        await using var login = await LeastPrivilegeLogin.CreateAsync(harness.Database, "app", SchemaOptions.Script, cancellationToken);

        var script = await login.PermissionsAsync(login.Options(SchemaOptions.Script), cancellationToken);
        var autoUnderScript = await login.PermissionsAsync(login.Options(SchemaOptions.Auto), cancellationToken);
        await login.SetUpAsync(SchemaOptions.Auto, cancellationToken);
        var auto = await login.PermissionsAsync(login.Options(SchemaOptions.Auto), cancellationToken);
        await login.SetUpAsync(SchemaOptions.Script, cancellationToken);
        var scriptAgain = await login.PermissionsAsync(login.Options(SchemaOptions.Auto), cancellationToken);

        Assert.That((script.Outcome, auto.Outcome), Is.EqualTo((CheckOutcome.Pass, CheckOutcome.Pass)));
        foreach (var lacking in new[] { "ALTER on schema realmsync", "REFERENCES on schema realmsync", "ALTER on schema app", "CREATE TABLE on the database", "CREATE TYPE on the database", "CREATE PROCEDURE on the database" })
        {
            Assert.That(autoUnderScript.Detail, Does.Contain(lacking));
            Assert.That(scriptAgain.Detail, Does.Contain(lacking), "running sql-setup with script again revokes " + lacking);
        }

        Assert.That(await harness.Database.ScalarAsync("SELECT USER_NAME(s.[principal_id]) FROM sys.schemas AS s WHERE s.[name] = N'realmsync'", cancellationToken),
            Is.EqualTo(RequiredPermissions.SchemaOwner));
    }

    [Test]
    public async Task The_scheduler_store_check_finds_the_quartz_tables_of_the_dba_script(CancellationToken cancellationToken)
    {
        await using var harness = await ApplierHarness.StartAsync(cancellationToken);
        await using var login = await LeastPrivilegeLogin.CreateAsync(harness.Database, "app", SchemaOptions.Auto, cancellationToken);
        await using (var connection = await OperationsConnection.OpenAsync(login.Options(SchemaOptions.Auto).SqlServer, cancellationToken))
        {
            Assert.That((await SchedulerStoreCheck.CheckAsync(connection, cancellationToken)).Line(),
                Does.StartWith("[FAIL] scheduler store: Scheduler.Clustered is on, but 12 of the 12 Quartz tables are absent"));
        }

        var quartzTables = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "scripts", "quartz-tables.sql"), cancellationToken);
        await harness.Database.RunScriptAsync(quartzTables, cancellationToken);
        await harness.Database.RunScriptAsync(quartzTables, cancellationToken);

        await using (var connection = await OperationsConnection.OpenAsync(login.Options(SchemaOptions.Auto).SqlServer, cancellationToken))
        {
            Assert.That((await SchedulerStoreCheck.CheckAsync(connection, cancellationToken)).Line(),
                Is.EqualTo("[ok] scheduler store: the 12 Quartz tables [realmsync].[QRTZ_*] exist and the login may read and write them."));
        }

        Assert.That(await harness.Database.ScalarAsync("SELECT COUNT(*) FROM sys.tables AS t WHERE t.[schema_id] = SCHEMA_ID(N'realmsync') AND t.[name] LIKE N'QRTZ[_]%'", cancellationToken),
            Is.EqualTo(15));
    }

    [Test]
    public async Task A_procedure_the_role_creates_in_realmsync_cannot_read_what_dbo_owns_but_a_trigger_in_a_dbo_owned_data_schema_can(CancellationToken cancellationToken)
    {
        await using var harness = await ApplierHarness.StartAsync(cancellationToken);
        await harness.Database.RunScriptAsync(
            "CREATE TABLE [dbo].[Secret] ([value] nvarchar(20) NOT NULL);\nGO\nINSERT INTO [dbo].[Secret] ([value]) VALUES (N'payroll');", cancellationToken);
        await using var login = await LeastPrivilegeLogin.CreateAsync(harness.Database, "app", SchemaOptions.Auto, cancellationToken);
        await using var connection = new SqlConnection(login.ConnectionString);
        await connection.OpenAsync(cancellationToken);

        await Execute(connection, "CREATE PROCEDURE [realmsync].[probe] AS SELECT [value] FROM [dbo].[Secret];", cancellationToken);
        var denied = Assert.ThrowsAsync<SqlException>(() => Execute(connection, "EXEC [realmsync].[probe];", cancellationToken));
        Assert.That(denied!.Number, Is.EqualTo(229), "realmsync_owner's chain stops at dbo.Secret, where the login's own permissions are checked");

        // What sql-setup warns about: the trigger belongs to the data schema's owner, dbo, whose chain reaches dbo.Secret.
        await Execute(connection, "CREATE TABLE [app].[probe] ([value] nvarchar(20) NULL);", cancellationToken);
        await Execute(connection, "CREATE TRIGGER [app].[probe_copy] ON [app].[probe] AFTER INSERT AS INSERT INTO [app].[probe] ([value]) SELECT s.[value] FROM [dbo].[Secret] AS s WHERE NOT EXISTS (SELECT 1 FROM [app].[probe] AS p WHERE p.[value] = s.[value]);", cancellationToken);
        await Execute(connection, "INSERT INTO [app].[probe] ([value]) VALUES (NULL);", cancellationToken);
        Assert.That(await harness.Database.ScalarAsync("SELECT COUNT(*) FROM [app].[probe] WHERE [value] = N'payroll'", cancellationToken), Is.EqualTo(1));
    }

    /// <summary>After <paramref name="before"/>, creates a tracked table and maps it SQL-first (as 'install' does, as the administrator).</summary>
    private static async Task MapSqlFirstAsync(PollerHarness harness, string before, string schema, string table, CancellationToken cancellationToken)
    {
        var name = SqlIdentifier.Quote(schema, table);
        await harness.Database.RunScriptAsync(
            before +
            $"CREATE TABLE {name} ([id] int NOT NULL CONSTRAINT {SqlIdentifier.Quote("PK_" + table)} PRIMARY KEY, [note] nvarchar(100) NULL);\nGO\n" +
            $"ALTER TABLE {name} ENABLE CHANGE_TRACKING;",
            cancellationToken);
        await using var sa = await harness.Database.OpenAsync(cancellationToken);
        await SqlFirstRegistrar.RegisterAsync(sa, "/sql-first", [(schema, table)], cancellationToken);
    }

    private static async Task Execute(SqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new SqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
