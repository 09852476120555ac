using Connector.Configuration;
using Connector.Operations;
using Connector.Scheduling;
using Connector.SqlServer.Operations;
using Connector.Tests.Configuration;

namespace Connector.Tests.SqlServer.Operations;

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
    public void The_written_schemas_are_the_data_schema_and_the_realm_first_ones_and_sql_first_tables_are_listed_one_by_one()
    {
        var schemas = MappedSchemas.From("app",
            [("app", MappedSchemas.RealmFirst, null), ("sales", MappedSchemas.RealmFirst, null), ("legacy", MappedSchemas.SqlFirst, "Orders"), ("dbo", MappedSchemas.SqlFirst, "Customer")],
            [("legacy", "Orders"), ("LEGACY", "orders"), ("staging", "Later")]);

        Assert.That(schemas.Written, Is.EqualTo(new[] { "app", "sales" }));
        Assert.That(schemas.SqlFirstTables, Is.EqualTo(new[]
        {
            new SqlFirstTable("dbo", "Customer", true), new SqlFirstTable("legacy", "Orders", true), new SqlFirstTable("staging", "Later", false),
        }));
    }

    [Test]
    public void A_sql_first_table_is_checked_on_the_table_for_reading_only_never_on_its_schema()
    {
        var schemas = MappedSchemas.From("app", [("dbo", MappedSchemas.SqlFirst, "Customer")], [("staging", "Later")]);

        var auto = RequiredPermissions.For(SchemaOptions.Auto, schemas);
        var script = RequiredPermissions.For(SchemaOptions.Script, schemas);

        Assert.That(auto.Where(r => r.SecurableClass == PermissionRequirement.Object).Select(r => (r.Describe(), r.OnlyIfVisible)), Is.EqualTo(new[]
        {
            ("SELECT on table [dbo].[Customer]", false), ("VIEW CHANGE TRACKING on table [dbo].[Customer]", false),
            ("SELECT on table [staging].[Later]", true), ("VIEW CHANGE TRACKING on table [staging].[Later]", true),
        }));
        Assert.That(auto.Where(r => r.SecurableClass == PermissionRequirement.Schema).Select(r => r.Securable).Distinct(), Is.EqualTo(new[] { "realmsync", "app" }));
        Assert.That(auto.Select(r => r.Describe()), Does.Contain("REFERENCES on schema realmsync").And.Contain("ALTER on schema app").And.Contain("CREATE TYPE on the database"));
        Assert.That(script.Select(r => r.Permission), Has.None.AnyOf("ALTER", "REFERENCES", "CREATE TABLE", "CREATE TYPE", "CREATE PROCEDURE"));
        Assert.That(script.Select(r => r.Describe()), Is.SubsetOf(auto.Select(r => r.Describe())));
    }

    [Test]
    public void A_partitioned_mapping_writes_its_schema_and_needs_the_dml_on_its_views_schema_and_in_auto_alter_and_create_view()
    {
        // The registered paths ('partition') never reach MappedSchemas: the mapped-tables query leaves them out.
        var schemas = MappedSchemas.From("app", [("app", MappedSchemas.Partitioned, null), ("shared", MappedSchemas.Partitioned, null)], []);

        var auto = RequiredPermissions.For(SchemaOptions.Auto, schemas).Select(r => r.Describe()).ToList();
        var script = RequiredPermissions.For(SchemaOptions.Script, schemas).Select(r => r.Describe()).ToList();

        Assert.That(schemas.Written, Is.EqualTo(new[] { "app", "shared" }));
        Assert.That(schemas.Scopes, Is.EqualTo(new[] { "app_realm", "shared_realm" }));
        Assert.That(script.Where(d => d.Contains("_realm", StringComparison.Ordinal)), Is.EqualTo(new[]
        {
            "SELECT on schema app_realm", "INSERT on schema app_realm", "UPDATE on schema app_realm", "DELETE on schema app_realm",
            "SELECT on schema shared_realm", "INSERT on schema shared_realm", "UPDATE on schema shared_realm", "DELETE on schema shared_realm",
        }), "no VIEW CHANGE TRACKING on views");
        Assert.That(auto.Except(script), Is.EqualTo(new[]
        {
            "ALTER on schema realmsync", "REFERENCES on schema realmsync", "ALTER on schema app", "ALTER on schema shared", "ALTER on schema app_realm", "ALTER on schema shared_realm",
            "CREATE TABLE on the database", "CREATE TYPE on the database", "CREATE PROCEDURE on the database", "CREATE VIEW on the database",
        }));
        Assert.That(PermissionCheck.Result("l", SchemaOptions.Script, schemas, []).Line(),
            Does.Contain("(Schema.ApplyMode = script; schemas [app], [shared], per-Realm views of [app_realm], [shared_realm])"));
    }

    [Test]
    public void An_unknown_apply_mode_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RequiredPermissions.For("sometimes", "app"));

    [Test]
    public void A_mapped_table_the_login_cannot_see_lacks_its_permissions_but_an_unmapped_one_is_only_not_checked()
    {
        var required = RequiredPermissions.For(SchemaOptions.Script, MappedSchemas.From("app", [("dbo", MappedSchemas.SqlFirst, "Customer")], [("staging", "Later")]));
        var rows = required.Select((r, i) => new PermissionCheck.Row(i, r.SecurableClass != PermissionRequirement.Object, r.SecurableClass != PermissionRequirement.Object));

        var (missing, unseen) = PermissionCheck.Classify(required, rows);

        Assert.That(missing, Is.EqualTo(new[]
        {
            "SELECT on table [dbo].[Customer] (to read the rows of this SQL-first table for Realm)",
            "VIEW CHANGE TRACKING on table [dbo].[Customer] (to read the changes of this SQL-first table with CHANGETABLE)",
        }));
        Assert.That(unseen, Is.EqualTo(new[] { "[staging].[Later]" }));
    }

    [Test]
    public void An_unmapped_table_the_login_can_see_but_not_read_lacks_its_permissions()
    {
        var required = RequiredPermissions.For(SchemaOptions.Script, MappedSchemas.From("app", [], [("staging", "Later")]));
        var rows = required.Select((r, i) => new PermissionCheck.Row(i, r.Permission != "VIEW CHANGE TRACKING" || r.SecurableClass != PermissionRequirement.Object, true));

        var (missing, unseen) = PermissionCheck.Classify(required, rows);

        Assert.That(missing, Is.EqualTo(new[] { "VIEW CHANGE TRACKING on table [staging].[Later] (to read the changes of this SQL-first table with CHANGETABLE, once 'install' maps it)" }));
        Assert.That(unseen, Is.Empty);
    }

    [Test]
    public void The_permission_line_names_the_mode_the_schemas_the_tables_and_what_is_missing()
    {
        var schemas = MappedSchemas.From("app", [("legacy", MappedSchemas.SqlFirst, "Orders")], [("staging", "Later")]);

        var pass = PermissionCheck.Result("realm_sqlserver", SchemaOptions.Script, schemas, []);
        var warn = PermissionCheck.Result("realm_sqlserver", SchemaOptions.Script, schemas, [], ["[staging].[Later]"]);
        var fail = PermissionCheck.Result("realm_sqlserver", SchemaOptions.Auto, schemas, ["SELECT on table [legacy].[Orders] (to read the rows of this SQL-first table for Realm)"]);

        const string Scope = "schemas [app] and, read only, tables [legacy].[Orders], [staging].[Later]";
        Assert.That(pass.Line(), Is.EqualTo($"[ok] permissions: login realm_sqlserver holds every permission the connector needs (Schema.ApplyMode = script; {Scope})."));
        Assert.That(warn.Line(), Does.StartWith($"[warn] permissions: login realm_sqlserver holds every permission the connector needs (Schema.ApplyMode = script; {Scope}); " +
            "not checked: [staging].[Later] of SqlFirst.Tables, not mapped yet and hidden from this login (absent, or no permission on it at all). " +
            "Fix: if the table exists, map it with 'realm-sqlserver install' as db_owner, then run scripts/sql-setup.sql"));
        Assert.That(fail.Line(), Does.StartWith($"[FAIL] permissions: login realm_sqlserver lacks (Schema.ApplyMode = auto; {Scope}): SELECT on table [legacy].[Orders] (to read the rows of this SQL-first table for Realm). " +
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
