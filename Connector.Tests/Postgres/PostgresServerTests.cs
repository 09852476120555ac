using Npgsql;

namespace Connector.Tests.Postgres;

public sealed class PostgresServerTests
{
    [SetUp]
    public void RequireServer() => PostgresServer.Require();

    [Test]
    public async Task The_server_answers_select_1()
    {
        Assert.That(await PostgresServer.ScalarAsync(PostgresServer.AdminConnectionString, "SELECT 1"), Is.EqualTo(1));
    }

    [Test]
    public async Task Wal_level_is_logical_for_the_database_to_realm_direction()
    {
        Assert.That(await PostgresServer.ScalarAsync(PostgresServer.AdminConnectionString, "SHOW wal_level"), Is.EqualTo("logical"),
            $"logical decoding needs wal_level=logical on the server ({PostgresServer.Source})");
    }

    [Test]
    public void Source_and_version_describe_the_server()
    {
        Assert.That(PostgresServer.ServerVersion, Does.Match(@"^\d+(\.\d+)? "));
        Assert.That(PostgresServer.Source, PostgresServer.IsThrowaway
            ? Does.Match(@"^throwaway cluster at 127\.0\.0\.1:\d+ from /.+/bin$")
            : Is.EqualTo(PostgresServer.EnvironmentVariable));
        Assert.That(new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString).Database, Is.EqualTo("postgres"));
    }

    [Test]
    public async Task Two_created_databases_are_distinct_and_both_work()
    {
        var first = await PostgresServer.CreateDatabaseAsync("fixture_test");
        var second = await PostgresServer.CreateDatabaseAsync("fixture_test");
        var firstName = new NpgsqlConnectionStringBuilder(first).Database;
        var secondName = new NpgsqlConnectionStringBuilder(second).Database;

        await PostgresServer.ScalarAsync(first, "CREATE TABLE only_in_first (x int); SELECT 1");

        Assert.That(firstName, Is.Not.EqualTo(secondName));
        Assert.That(await PostgresServer.ScalarAsync(first, "SELECT current_database()"), Is.EqualTo(firstName));
        Assert.That(await PostgresServer.ScalarAsync(second, "SELECT current_database()"), Is.EqualTo(secondName));
        Assert.That(await PostgresServer.ScalarAsync(first, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_first'"), Is.EqualTo(1L));
        Assert.That(await PostgresServer.ScalarAsync(second, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_first'"), Is.EqualTo(0L));
    }

    [Test]
    public async Task The_throwaway_cluster_is_reachable_on_127_0_0_1_only()
    {
        if (!PostgresServer.IsThrowaway)
        {
            Assert.Ignore($"The server named by {PostgresServer.EnvironmentVariable} is not this fixture's to configure.");
        }

        var admin = PostgresServer.AdminConnectionString;
        Assert.That(await PostgresServer.ScalarAsync(admin, "SHOW listen_addresses"), Is.EqualTo("127.0.0.1"));
        Assert.That(await PostgresServer.ScalarAsync(admin, "SELECT host(inet_server_addr())"), Is.EqualTo("127.0.0.1"));
        Assert.That(
            await PostgresServer.ScalarAsync(admin, "SELECT string_agg(type || ' ' || coalesce(address, '-'), ', ' ORDER BY line_number) FROM pg_hba_file_rules"),
            Is.EqualTo("local -, host 127.0.0.1, host 127.0.0.1"));
    }

    [Test]
    public async Task A_unicode_identifier_with_a_quote_round_trips_through_utf8()
    {
        var database = await PostgresServer.CreateDatabaseAsync("fixture_utf8");

        await PostgresServer.ScalarAsync(database, "CREATE TABLE \"a\"\"b ü\" (x int); SELECT 1");

        Assert.That(await PostgresServer.ScalarAsync(database, "SHOW server_encoding"), Is.EqualTo("UTF8"));
        Assert.That(
            await PostgresServer.ScalarAsync(database, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"),
            Is.EqualTo("a\"b ü"));
    }

}
