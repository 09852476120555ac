using Connector.Sql;

namespace Connector.Tests.Sql;

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
}
