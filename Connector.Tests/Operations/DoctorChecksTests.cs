using Connector.Configuration;
using Connector.Operations;
using Connector.Scheduling;
using Connector.Tests.Configuration;

namespace Connector.Tests.Operations;

/// <summary>
/// The offline part of <c>doctor</c>'s checks: which SQL checks run (the Quartz store only when clustered), the
/// schemas whose permissions are checked, and the lines the permission and scheduler-store checks print.
/// </summary>
public class DoctorChecksTests
{
    private string _work = "";

    [SetUp]
    public void CreateFolder() => _work = Directory.CreateTempSubdirectory("realm-sqlserver-doctor-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_work, recursive: true);

    [TestCase(false, new[] { "catalog", "change tracking", "snapshot isolation", "compatibility level", "permissions" })]
    [TestCase(true, new[] { "catalog", "change tracking", "snapshot isolation", "compatibility level", "permissions", "scheduler store" })]
    public async Task Without_a_connection_the_sql_checks_are_failed_and_the_scheduler_store_only_when_clustered(bool clustered, string[] checks)
    {
        var journal = Directory.CreateDirectory(Path.Combine(_work, "journal")).FullName;
        var path = ConfigFiles.Write(_work, c =>
        {
            c["SqlServer"]!["ConnectionString"] = ConfigFiles.UnreachableConnectionString;
            c["Realm"]!["JournalPath"] = journal;
            c["Scheduler"]!["Clustered"] = clustered;
        });
        using var output = new StringWriter();

        var exit = await DoctorRunner.RunAsync(ConnectorConfiguration.Load(path, ConfigFiles.NoEnvironment), output, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.SqlUnavailable));
        var notChecked = output.ToString().ReplaceLineEndings("\n").Split('\n').Where(l => l.Contains(": not checked: no connection", StringComparison.Ordinal));
        Assert.That(notChecked, Is.EqualTo(checks.Select(c => $"[FAIL] {c}: not checked: no connection to SQL Server. Fix: fix the connection first.")));
    }

    [Test]
    public void The_mapped_schemas_are_the_data_schema_the_catalogs_and_the_sql_first_configurations()
    {
        var schemas = MappedSchemas.From("app",
            [("app", MappedSchemas.RealmFirst), ("sales", MappedSchemas.RealmFirst), ("legacy", "sql-first"), ("APP", "sql-first")],
            ["legacy", "staging"]);

        Assert.That((schemas.Written, schemas.ReadOnly), Is.EqualTo((new[] { "app", "sales" }, new[] { "legacy", "staging" })));
    }

    [Test]
    public void A_sql_first_schema_is_checked_for_reading_only_and_schema_changes_only_under_auto()
    {
        var schemas = MappedSchemas.From("app", [("legacy", "sql-first")], []);

        var auto = RequiredPermissions.For(SchemaOptions.Auto, schemas);
        var script = RequiredPermissions.For(SchemaOptions.Script, schemas);

        Assert.That(auto.Where(r => r.Securable == "legacy").Select(r => r.Permission), Is.EqualTo(new[] { "SELECT", "VIEW CHANGE TRACKING" }));
        Assert.That(auto.Select(r => r.Describe()), Does.Contain("REFERENCES on schema realmsync").And.Contain("ALTER on schema app").And.Contain("CREATE TYPE on the database"));
        Assert.That(script.Select(r => r.Permission), Has.None.AnyOf("ALTER", "REFERENCES", "CREATE TABLE", "CREATE TYPE", "CREATE PROCEDURE"));
        Assert.That(script.Select(r => r.Describe()), Is.SubsetOf(auto.Select(r => r.Describe())));
    }

    [Test]
    public void An_unknown_apply_mode_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RequiredPermissions.For("sometimes", "app"));

    [Test]
    public void The_permission_line_names_the_mode_the_schemas_and_what_is_missing()
    {
        var schemas = MappedSchemas.From("app", [("legacy", "sql-first")], []);

        var pass = PermissionCheck.Result("realm_sqlserver", SchemaOptions.Script, schemas, []);
        var fail = PermissionCheck.Result("realm_sqlserver", SchemaOptions.Auto, schemas, ["SELECT on schema legacy (to read the rows of SQL-first tables for Realm)"]);

        Assert.That(pass.Line(), Is.EqualTo("[ok] permissions: login realm_sqlserver holds every permission the connector needs (Schema.ApplyMode = script; schemas [app] and, read only, [legacy])."));
        Assert.That(fail.Line(), Does.StartWith("[FAIL] permissions: login realm_sqlserver lacks (Schema.ApplyMode = auto; schemas [app] and, read only, [legacy]): SELECT on schema legacy (to read the rows of SQL-first tables for Realm). " +
            "Fix: add its user to the role realmsync_connector and run scripts/sql-setup.sql with ApplyMode=\"auto\""));
    }

    [Test]
    public void The_scheduler_store_passes_when_every_table_is_there_and_writable()
    {
        var tables = QuartzTables.Required.Select(t => new SchedulerStoreCheck.TableState(QuartzTables.TableName(t), true, true, true, true, true)).ToList();

        Assert.That(SchedulerStoreCheck.Evaluate(tables).Line(),
            Is.EqualTo("[ok] scheduler store: the 12 Quartz tables [realmsync].[QRTZ_*] exist and the login may read and write them."));
    }

    [Test]
    public void A_missing_quartz_table_fails_naming_the_script_that_creates_it()
    {
        var tables = QuartzTables.Required.Select(t => new SchedulerStoreCheck.TableState(QuartzTables.TableName(t), t != "LOCKS", true, true, true, true)).ToList();

        var line = SchedulerStoreCheck.Evaluate(tables).Line();

        Assert.That(line, Does.StartWith("[FAIL] scheduler store: Scheduler.Clustered is on, but 1 of the 12 Quartz tables are absent (or hidden from this login): [realmsync].[QRTZ_LOCKS];"));
        Assert.That(line, Does.Contain("Fix: run scripts/quartz-tables.sql as db_owner"));
    }

    [Test]
    public void A_quartz_table_the_login_cannot_write_fails_naming_the_permissions()
    {
        var tables = new[] { new SchedulerStoreCheck.TableState("QRTZ_LOCKS", true, true, false, false, true) };

        Assert.That(SchedulerStoreCheck.Evaluate(tables).Line(), Does.StartWith("[FAIL] scheduler store: the login lacks INSERT, UPDATE on [realmsync].[QRTZ_LOCKS]. Fix: add its user to the role realmsync_connector"));
    }
}
