using Connector.SqlServer.Sql;


namespace Connector.Tests.SqlServer.Sql;

public class SqlConnectionFactoryTests
{
    private const string Secret = "Server=db1,1433;Database=RealmSync;User ID=sa;Password=hunter2-secret;Encrypt=true";

    [Test]
    public void The_target_names_server_and_database_and_nothing_secret()
    {
        var factory = new SqlConnectionFactory(Secret);

        Assert.That(factory.Target, Is.EqualTo("server 'db1,1433', database 'RealmSync'"));
        Assert.That(factory.ToString(), Does.Not.Contain("hunter2").And.Not.Contain("sa"));
    }

    [Test]
    public void A_malformed_connection_string_is_refused_without_quoting_it()
    {
        var error = Assert.Throws<ConnectorException>(() => _ = new SqlConnectionFactory("Server=x;Password=hunter2;Bogus Key=1"));

        Assert.That(error!.Message, Does.Contain("SqlServer.ConnectionString").And.Not.Contain("hunter2"));
    }

    [Test]
    public void Every_command_on_its_connections_takes_the_configured_timeout()
    {
        var options = new Connector.Configuration.SqlServerOptions { ConnectionString = Secret, CommandTimeout = TimeSpan.FromMinutes(5) };
        using var connection = SqlConnectionFactory.For(options).Create();
        using var command = new Microsoft.Data.SqlClient.SqlCommand("SELECT 1;", connection);

        Assert.That(connection.CommandTimeout, Is.EqualTo(300));
        Assert.That(command.CommandTimeout, Is.EqualTo(300));
    }

    [Test]
    public void Without_options_commands_keep_the_default_of_30_seconds_and_schema_batches_get_30_minutes()
    {
        var factory = new SqlConnectionFactory(Secret);
        using var connection = factory.Create();

        Assert.That(connection.CommandTimeout, Is.EqualTo(30));
        Assert.That(factory.SchemaCommandTimeoutSeconds, Is.EqualTo(1800));
    }

    [Test]
    public void A_timeout_under_a_second_is_one_second_never_zero_which_sqlclient_reads_as_no_limit()
    {
        using var connection = new SqlConnectionFactory(Secret, TimeSpan.FromMilliseconds(10)).Create();

        Assert.That(connection.CommandTimeout, Is.EqualTo(1));
    }
}
