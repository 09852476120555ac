using Connector.Configuration;

namespace Connector.Tests.Configuration;

public class OptionsValidatorTests
{
    [Test]
    public void The_defaults_are_valid_once_the_connection_string_and_journal_are_set()
    {
        var options = new ConnectorOptions();
        options.SqlServer.ConnectionString = "Server=sql1;Database=RealmSync;Integrated Security=true";
        options.Realm.JournalPath = "/var/lib/realm-sqlserver/journal";

        Assert.That(ConnectorOptionsValidator.Check(options), Is.Empty);
    }

    [Test]
    public void An_empty_connection_string_names_the_environment_variable()
    {
        Assert.That(SqlServerOptionsValidator.Check(new SqlServerOptions()), Is.EqualTo(new[]
        {
            "RealmSqlServer:SqlServer:ConnectionString = (not set): the connector's database is not configured; set the environment variable " +
            "RealmSqlServer__SqlServer__ConnectionString (or the key in the file) to 'Server=<host>;Database=<database>;...'.",
        }));
    }

    [Test]
    public void A_connection_string_without_database_is_shown_with_the_password_masked()
    {
        var failures = SqlServerOptionsValidator.Check(new SqlServerOptions { ConnectionString = "Server=sql1;User ID=app;Password=" + ConfigFiles.Password });

        Assert.That(failures, Is.EqualTo(new[]
        {
            "RealmSqlServer:SqlServer:ConnectionString = 'Data Source=sql1;User ID=app;Password=*****': names no database; " +
            "add 'Database=<database>' (the database that holds the catalog and the tables).",
        }));
    }

    [Test]
    public void A_connection_string_that_does_not_parse_is_not_shown()
    {
        var failures = SqlServerOptionsValidator.Check(new SqlServerOptions { ConnectionString = "Password=" + ConfigFiles.Password + ";Nonsense Key=1" });

        Assert.That(failures.Single(), Does.StartWith("RealmSqlServer:SqlServer:ConnectionString = '(not shown)': is not a valid SQL Server connection string"));
        Assert.That(failures.Single(), Does.Not.Contain(ConfigFiles.Password));
    }

    [Test]
    public void A_schema_command_timeout_outside_one_second_to_one_day_is_refused_with_the_range()
    {
        var options = new SqlServerOptions { ConnectionString = "Server=sql1;Database=RealmSync;Integrated Security=true", SchemaCommandTimeout = TimeSpan.FromDays(2) };

        Assert.That(SqlServerOptionsValidator.Check(options), Is.EqualTo(new[]
        {
            "RealmSqlServer:SqlServer:SchemaCommandTimeout = '2.00:00:00': must be between 00:00:01 and 1.00:00:00 ([d.]hh:mm:ss); the default is 00:30:00 (a schema change may build indexes on large tables).",
        }));
    }

    [Test]
    public void Every_failure_of_every_section_is_reported_at_once()
    {
        var options = new ConnectorOptions();
        options.SqlServer.ConnectionString = "Server=sql1;Database=RealmSync;Integrated Security=true";
        options.SqlServer.Schema = "realmsync";
        options.SqlServer.CommandTimeout = TimeSpan.Zero;
        options.Realm.RealmPaths.Add("/default");
        options.Realm.RealmPaths.Add("/default");
        options.Sync.TransactionSize = 0;
        options.Scheduler.PollCron = "every minute";
        options.Scheduler.ShipInterval = TimeSpan.FromMilliseconds(100);
        options.ChangeTracking.RetentionDays = 0;
        options.ChangeTracking.RetentionWarningFraction = 1.5;
        options.SqlFirst.Tables.Add("orders");
        options.SqlFirst.Tables.Add("realmsync.Outbox");

        var failures = ConnectorOptionsValidator.Check(options);

        Assert.That(failures, Has.Count.EqualTo(11));
        Assert.That(failures, Does.Contain("RealmSqlServer:SqlServer:Schema = 'realmsync': is reserved (realmsync holds the connector's catalog); choose another schema, such as dbo."));
        Assert.That(failures, Does.Contain("RealmSqlServer:SqlServer:CommandTimeout = '00:00:00': must be between 00:00:01 and 01:00:00 (hh:mm:ss); the default is 00:00:30."));
        Assert.That(failures, Does.Contain("RealmSqlServer:Realm:JournalPath = '': the journal root is not configured; set it to a folder the connector can write, such as /var/lib/realm-sqlserver/journal."));
        Assert.That(failures, Does.Contain("RealmSqlServer:Realm:RealmPaths:1 = '/default': is listed twice; remove the duplicate."));
        Assert.That(failures, Does.Contain("RealmSqlServer:Sync:TransactionSize = 0: must be between 1 and 100000; the default is 1000."));
        Assert.That(failures, Does.Contain("RealmSqlServer:Scheduler:ShipInterval = '00:00:00.1000000': must be between 00:00:01 and 1.00:00:00 ([d.]hh:mm:ss); for other schedules give a cron expression instead."));
        Assert.That(failures.Single(f => f.StartsWith("RealmSqlServer:Scheduler:PollCron", StringComparison.Ordinal)), Does.StartWith("RealmSqlServer:Scheduler:PollCron = 'every minute': is not a Quartz cron expression ("));
        Assert.That(failures, Does.Contain("RealmSqlServer:ChangeTracking:RetentionDays = 0: must be between 1 and 365 days, and longer than the longest time the connector may be down; the default is 2."));
        Assert.That(failures, Does.Contain("RealmSqlServer:ChangeTracking:RetentionWarningFraction = 1.5: must be a fraction between 0 and 1 (exclusive), such as 0.25."));
        Assert.That(failures, Does.Contain("RealmSqlServer:SqlFirst:Tables:0 = 'orders': must be a table as 'schema.table' (brackets allowed: '[my schema].[my table]')."));
        Assert.That(failures, Does.Contain("RealmSqlServer:SqlFirst:Tables:1 = 'realmsync.Outbox': is in the connector's catalog schema realmsync, which cannot be mapped; remove it."));
    }

    [TestCase("dbo.Orders", "dbo", "Orders")]
    [TestCase("[my schema].[my ]]table]", "my schema", "my ]table")]
    [TestCase("public.orders", "public", "orders")]
    [TestCase("\"my \"\"schema\"\"\".public", "my \"schema\"", "public")]
    public void SqlFirst_tables_are_two_part_names(string text, string schema, string table) =>
        Assert.That(SqlFirstOptionsValidator.TwoPartName(text), Is.EqualTo((schema, table)));

    [TestCase("Orders")]
    [TestCase("db.dbo.Orders")]
    [TestCase("dbo.Orders; DROP TABLE x")]
    public void Anything_else_is_not_a_SqlFirst_table(string text) =>
        Assert.That(SqlFirstOptionsValidator.TwoPartName(text), Is.Null);

    [TestCase("", "RealmSqlServer:SqlFirst:RealmPath = '': must be a Realm path starting with '/', such as '/sql-first'.")]
    [TestCase("sql-first", "RealmSqlServer:SqlFirst:RealmPath = 'sql-first': must be a Realm path starting with '/', such as '/sql-first'.")]
    public void The_SqlFirst_realm_path_must_be_a_realm_path(string path, string failure) =>
        Assert.That(SqlFirstOptionsValidator.Check(new SqlFirstOptions { RealmPath = path }), Is.EqualTo(new[] { failure }));

    [Test]
    public void The_SqlFirst_realm_path_is_at_most_1024_utf8_bytes() =>
        Assert.That(SqlFirstOptionsValidator.Check(new SqlFirstOptions { RealmPath = "/" + new string('é', 512) }).Single(),
            Does.EndWith("is longer than 1024 UTF-8 bytes; use a shorter Realm path."));

    [Test]
    public void A_valid_cron_expression_is_accepted()
    {
        var options = new SchedulerOptions { PollCron = "0/30 * * * * ?" };

        Assert.That(SchedulerOptionsValidator.Check(options), Is.Empty);
    }

    [Test]
    public void Describe_names_server_and_database_only()
    {
        var text = ConnectionStringDisplay.Describe(ConfigFiles.UnreachableConnectionString);

        Assert.That(text, Is.EqualTo("server '127.0.0.1,1', database 'RealmSyncTest'"));
    }
}
