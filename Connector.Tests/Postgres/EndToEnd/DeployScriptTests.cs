using Connector.Applier;
using Connector.Postgres;
using Connector.RealmSchema;
using Npgsql;

namespace Connector.Tests.Postgres.EndToEnd;

/// <summary>
/// deploy.sql against what a real PostgreSQL refuses or races on: system column names, key and index names, logical
/// replication of the generated tables, two deployments at once, a second Realm path, a database that is not UTF8.
/// </summary>
[TestFixture]
public sealed class DeployScriptTests
{
    private static RealmSchemaModel Schema(string json) => RealmSchemaImporter.Import(json, "test");

    [Test]
    public async Task System_column_names_and_key_like_table_names_deploy_and_grow()
    {
        PostgresServer.Require();
        var connectionString = await PostgresServer.CreateDatabaseAsync("names");
        var schema = Schema("""[{"name":"Box","primaryKey":"id","properties":{"id":"int","xmin":"double","ctid":"string"}},{"name":"Box_pk","properties":{"x":"int"}}]""");
        var (mapping, _) = PgBootstrap.Generate(schema, "/boxes", "app", "test");
        Assert.That(mapping.Classes[0].Properties.Select(p => p.Column), Is.EqualTo(new[] { "id", "xmin_2", "ctid_2" }));
        Assert.That(mapping.Classes[0].Properties[1].NameResolution, Does.Contain("PostgreSQL system column name"));

        var harness = await PgInboundHarness.StartAsync(connectionString, schema, "/boxes");
        harness.Append(harness.SchemaTransaction(schema));
        harness.Append(2, """{"type":"INSERT","object_type":"Box","identity":1,"values":{"xmin":1.5,"ctid":"a"}}""");
        harness.Append(3, """{"type":"ADD_PROPERTIES","object_type":"Box","properties":{"xmax":{"type":"double","nullable":false}}}""",
            """{"type":"SET","object_type":"Box","identity":1,"values":{"xmax":2.5}}""");
        var run = await harness.RunOnceAsync();
        Assert.That(run.Applied, Is.EqualTo(3), run.Reason);
        Assert.That(await harness.StateAsync(), Is.EqualTo(PgInboundHarness.ModelState(harness.Journaled)));
        Assert.That(await harness.ScalarAsync("""SELECT "xmax_2" FROM app."Box";"""), Is.EqualTo(2.5));
    }

    [Test]
    public async Task Published_tables_take_updates_and_deletes_through_their_primary_keys()
    {
        PostgresServer.Require();
        var connectionString = await PostgresServer.CreateDatabaseAsync("publish");
        var harness = await PgInboundHarness.StartAsync(connectionString, PgInboundHarness.Small, "/published");
        await using (var connection = await PostgresServer.OpenAsync(connectionString, CancellationToken.None))
        await using (var publish = new NpgsqlCommand("CREATE PUBLICATION everything FOR ALL TABLES;", connection))
        {
            await publish.ExecuteNonQueryAsync();
        }

        var stream = Generators.ValidStreams.Cases(6, 20261201, Model.ModelOptions.Postgres)
            .First(s => s.InitialSchema.Classes.Length > 0);
        var published = await PgInboundHarness.StartAsync(connectionString, stream.InitialSchema, stream.RealmPath, "streamed");
        foreach (var transaction in stream.Transactions)
        {
            published.Append(transaction);
        }

        var run = await published.RunOnceAsync(new ApplierOptions(OnBadTransaction: BadTransactionPolicy.Skip));
        Assert.That(run.Status, Is.EqualTo(InboundRunStatus.CaughtUp), run.Reason);
        Assert.That(await published.StateAsync(), Is.EqualTo(PgInboundHarness.ModelState(stream.Transactions)));
        Assert.That(await harness.ScalarAsync("""SELECT count(*) FROM pg_catalog.pg_class AS c JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace WHERE n.nspname = 'streamed' AND c.relkind = 'r' AND c.relreplident = 'd';"""),
            Is.GreaterThan(0L), "the generated tables keep the default replica identity: their primary key");
    }

    [Test]
    public async Task Two_realm_paths_deployed_at_once_both_succeed_and_share_the_catalog()
    {
        PostgresServer.Require();
        var connectionString = await PostgresServer.CreateDatabaseAsync("twice");
        var first = PgInboundHarness.StartAsync(connectionString, PgInboundHarness.Small, "/first", "first");
        var second = PgInboundHarness.StartAsync(connectionString, PgInboundHarness.Small, "/second", "second");
        await Task.WhenAll(first, second);
        var harness = await first;
        Assert.That(await harness.ScalarAsync("""SELECT count(*) FROM realmsync."MappedRealm";"""), Is.EqualTo(2L));
        Assert.That(await harness.ScalarAsync("""SELECT count(*) FROM realmsync."CatalogVersion";"""), Is.EqualTo(3L));
    }

    [Test]
    public async Task A_path_deployed_again_or_a_database_that_is_not_utf8_is_refused_and_nothing_changes()
    {
        PostgresServer.Require();
        var connectionString = await PostgresServer.CreateDatabaseAsync("again");
        var harness = await PgInboundHarness.StartAsync(connectionString, PgInboundHarness.Small, "/again");
        var again = Assert.ThrowsAsync<PostgresException>(() => PgInboundHarness.StartAsync(connectionString, PgInboundHarness.Small, "/again", "other"));
        Assert.That(again!.MessageText, Does.Contain("already mapped"));
        Assert.That(await harness.ScalarAsync("""SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = 'other';"""), Is.EqualTo(0L), "nothing of the refused deployment remains");

        var latin1 = new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString) { Database = "realmsync_latin1_" + Guid.NewGuid().ToString("N")[..8] };
        await using (var admin = await PostgresServer.OpenAsync(PostgresServer.AdminConnectionString, CancellationToken.None))
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {latin1.Database} ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;", admin))
        {
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            var refused = Assert.ThrowsAsync<PostgresException>(() => PgInboundHarness.StartAsync(latin1.ConnectionString, PgInboundHarness.Small, "/latin1"));
            Assert.That(refused!.MessageText, Does.Contain("needs a UTF8 database").And.Contain("LATIN1"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = await PostgresServer.OpenAsync(PostgresServer.AdminConnectionString, CancellationToken.None);
            await using var drop = new NpgsqlCommand($"DROP DATABASE {latin1.Database} WITH (FORCE);", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
