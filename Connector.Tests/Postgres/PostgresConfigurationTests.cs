using Connector.Configuration;

namespace Connector.Tests.Postgres;

/// <summary>Database:Provider and the Postgres section: what is required, what is refused, and that no password is shown.</summary>
[TestFixture]
public sealed class PostgresConfigurationTests
{
    private static ConnectorOptions Postgres(string connectionString = "Host=db;Database=realm;Username=u;Password=secret") => new()
    {
        Database = { Provider = "postgres" },
        Postgres = { ConnectionString = connectionString },
        Realm = { JournalPath = "/var/lib/realm-sqlserver/journal" },
    };

    [Test]
    public void A_postgresql_configuration_needs_no_sql_server_connection_string()
    {
        var options = Postgres();
        Assert.That(options.Served(), Is.EqualTo(DatabaseProvider.Postgres));
        Assert.That(ConnectorOptionsValidator.Check(options), Is.Empty);
    }

    [Test]
    public void An_unknown_provider_is_named_with_the_choices() =>
        Assert.That(ConnectorOptionsValidator.Check(new ConnectorOptions { Database = { Provider = "mysql" } }),
            Has.Some.Contains("Database:Provider").And.Some.Contains("'sqlserver' (the default) or 'postgres'"));

    [Test]
    public void A_missing_or_incomplete_connection_string_says_what_to_add_without_the_password()
    {
        Assert.That(ConnectorOptionsValidator.Check(Postgres("")), Has.Some.Contains("RealmSqlServer__Postgres__ConnectionString"));
        var failures = ConnectorOptionsValidator.Check(Postgres("Host=db;Username=u;Password=secret"));
        Assert.That(failures, Has.Some.Contains("names no database"));
        Assert.That(string.Join("\n", failures), Does.Not.Contain("secret"));
    }

    [Test]
    public void What_postgresql_does_not_have_yet_is_refused_by_name()
    {
        var options = Postgres();
        options.Scheduler.Clustered = true;
        options.Postgres.Schema = "realmsync";
        var failures = ConnectorOptionsValidator.Check(options);
        Assert.That(failures, Has.Some.Contains("Scheduler:Clustered"));
        Assert.That(failures, Has.Some.Contains("Postgres:Schema").And.Some.Contains("reserved"));
    }

    [Test]
    public void SqlFirst_tables_are_accepted_on_postgresql()
    {
        var options = Postgres();
        options.SqlFirst.Tables.Add("public.Orders");
        Assert.That(ConnectorOptionsValidator.Check(options), Is.Empty);
    }
}
