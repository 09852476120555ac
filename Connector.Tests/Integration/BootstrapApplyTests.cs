using System.Text.Json.Nodes;
using Connector.Tests.Cli;

namespace Connector.Tests.Integration;

/// <summary>Tier 3: <c>bootstrap --apply</c> against a real SQL Server. Skipped, with the reason, when there is none.</summary>
[Category("Integration")]
[CancelAfter(300_000)]
public class BootstrapApplyTests : WorkFolderTest
{
    [Test]
    public async Task Bootstrap_apply_creates_the_catalog_and_the_tables_and_records_the_mapping(CancellationToken cancellationToken)
    {
        var server = SqlServerFixture.Require();
        await using var database = await TestDatabase.CreateAsync(server, cancellationToken);
        var config = Path.Combine(Work, "connector.config.json");
        File.WriteAllText(config, new JsonObject
        {
            ["RealmSqlServer"] = new JsonObject
            {
                ["SqlServer"] = new JsonObject { ["ConnectionString"] = database.ConnectionString, ["Schema"] = "app" },
                ["Realm"] = new JsonObject { ["JournalPath"] = Work },
            },
        }.ToJsonString());

        var run = CliRun.Of("bootstrap", "--realm-schema", Path.Combine(RepositoryPaths.Root, "samples", "realm-schema.json"),
            "--out", Path.Combine(Work, "out"), "--apply", "--config", config, "--realm-path", "/app");

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(await database.QueryAsync("SELECT r.[RealmPath], r.[SqlSchema], r.[MappingMode] FROM [realmsync].[MappedRealm] AS r", cancellationToken),
            Is.EqualTo(new[] { new object?[] { "/app", "app", "realm-first" } }));
        Assert.That(await database.ScalarAsync("SELECT COUNT(*) FROM sys.change_tracking_tables AS c JOIN sys.tables AS t ON t.[object_id] = c.[object_id] WHERE SCHEMA_NAME(t.[schema_id]) = N'app'", cancellationToken),
            Is.EqualTo(8));

        var again = CliRun.Of("bootstrap", "--realm-schema", Path.Combine(RepositoryPaths.Root, "samples", "realm-schema.json"),
            "--out", Path.Combine(Work, "out"), "--apply", "--config", config);
        Assert.That(again.ExitCode, Is.EqualTo(ExitCodes.NotReady), "a second deploy.sql stops before changing anything");
        Assert.That(again.Error, Does.Contain("already has the RealmSqlServer catalog"));
    }
}
