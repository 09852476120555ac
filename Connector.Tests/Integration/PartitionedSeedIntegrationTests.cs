using Connector.Adapter;
using Connector.Cli;
using Connector.Configuration;
using Connector.Tests.Cli;
using Connector.Tests.Configuration;
using Connector.Tests.Journal;
using Connector.Tests.Postgres.Partitioned;

namespace Connector.Tests.Integration;

/// <summary>
/// The seed's scenario on SQL Server (issue 12), as a DBA runs it: <c>bootstrap --realm-path-pattern ... --apply</c>,
/// then <c>sync</c> over two users' private Realms (both with a Dog "rex"), SQL's changes routed by <c>_realm_id</c>,
/// and a new user's Realm appearing while <c>run</c> is active. The same steps as PostgreSQL's
/// <see cref="SeedScenarioTests"/> and <see cref="RunHostTests"/>. Skipped, with the reason, when there is no SQL Server.
/// </summary>
[Category("Integration")]
[CancelAfter(600_000)]
public class PartitionedSeedIntegrationTests
{
    private const string Pattern = "^/([0-9a-f]+)/private$";
    private const string Ann = "/0a0a/private";
    private const string Bob = "/0b0b/private";

    [Test]
    public async Task Two_users_rex_share_one_table_and_sql_changes_reach_the_realm_their_row_names(CancellationToken cancellationToken)
    {
        using var journal = new JournalDirectory();
        await using var database = await TestDatabase.CreateAsync(SqlServerFixture.Require(), cancellationToken);
        var config = Deploy(journal, database);
        SeedScenarioTests.Write(journal, Ann, 1, """{"type":"INSERT","object_type":"Dog","identity":"rex","values":{"name":"rex","breed":"lab"}}""");
        SeedScenarioTests.Write(journal, Bob, 1, """{"type":"INSERT","object_type":"Dog","identity":"rex","values":{"name":"rex","breed":"pug"}}""");

        var sync = SeedScenarioTests.Sync(config);

        Assert.That(sync.ExitCode, Is.Zero, sync.Output + sync.Error);
        Assert.That(await DogsAsync(database, cancellationToken), Is.EqualTo(new[] { $"{Ann} rex lab", $"{Bob} rex pug" }));
        Assert.That(Breeds(journal, Ann), Is.EqualTo(new[] { "rex lab" }), "Ann's initial load holds her dog only");
        Assert.That(Breeds(journal, Bob), Is.EqualTo(new[] { "rex pug" }));

        await database.QueryAsync(
            $"INSERT INTO [dbo].[Dog] ([_realm_id], [name], [breed]) SELECT r.[RealmId], N'sql', N'mutt' FROM [realmsync].[MappedRealm] AS r WHERE r.[RealmPath] = N'{Bob}'; " +
            $"UPDATE d SET [breed] = N'boxer' FROM [dbo].[Dog] AS d JOIN [realmsync].[MappedRealm] AS r ON r.[RealmId] = d.[_realm_id] WHERE r.[RealmPath] = N'{Ann}'; SELECT 1;",
            cancellationToken);
        var annBefore = SeedScenarioTests.Outbound(journal, Ann).Count;
        var bobBefore = SeedScenarioTests.Outbound(journal, Bob).Count;
        sync = SeedScenarioTests.Sync(config);

        Assert.That(sync.ExitCode, Is.Zero, sync.Output + sync.Error);
        Assert.That(SeedScenarioTests.Outbound(journal, Ann).Skip(annBefore).Select(Describe), Is.EqualTo(new[] { "SET rex boxer" }));
        Assert.That(SeedScenarioTests.Outbound(journal, Bob).Skip(bobBefore).Select(Describe), Is.EqualTo(new[] { "INSERT sql mutt" }));
    }

    [Test]
    public async Task A_path_appearing_while_run_is_active_is_registered_applied_and_served(CancellationToken cancellationToken)
    {
        using var journal = new JournalDirectory();
        await using var database = await TestDatabase.CreateAsync(SqlServerFixture.Require(), cancellationToken);
        var options = ConnectorConfiguration.LoadOrThrow(Deploy(journal, database), ConfigFiles.NoEnvironment);
        options.Scheduler.InboundInterval = TimeSpan.FromSeconds(1);
        options.Scheduler.PollInterval = TimeSpan.FromSeconds(1);
        options.Scheduler.ShipInterval = TimeSpan.FromSeconds(1);
        using var host = RunCommand.BuildHost(options);
        await host.StartAsync(cancellationToken);
        try
        {
            await Task.Delay(1500, cancellationToken);
            const string newcomer = "/0d0d/private";
            SeedScenarioTests.Write(journal, newcomer, 1, """{"type":"INSERT","object_type":"Dog","identity":"rex","values":{"name":"rex","breed":"beagle"}}""");
            Assert.That(await UntilAsync(async () => (await DogsAsync(database, cancellationToken)).Contains($"{newcomer} rex beagle"), cancellationToken), Is.True,
                "the new path's first transaction is applied by the running host");
            Assert.That(await UntilAsync(() => Task.FromResult(Breeds(journal, newcomer).Contains("rex beagle")), cancellationToken), Is.True,
                "its initial load reaches its outbound journal");
            await database.QueryAsync("UPDATE [dbo].[Dog] SET [breed] = N'hound' WHERE [name] = N'rex'; SELECT 1;", cancellationToken);
            Assert.That(await UntilAsync(() => Task.FromResult(SeedScenarioTests.Outbound(journal, newcomer).Select(Describe).Contains("SET rex hound")), cancellationToken), Is.True,
                "SQL's change reaches the new Realm");
        }
        finally
        {
            await host.StopAsync(cancellationToken);
        }
    }

    /// <summary>bootstrap of the samples' schema for the seed's pattern, applied to <paramref name="database"/>; returns the configuration file.</summary>
    private static string Deploy(JournalDirectory journal, TestDatabase database)
    {
        var config = ConfigFiles.Write(journal.Root, c =>
        {
            c["SqlServer"]!["ConnectionString"] = database.ConnectionString;
            c["SqlServer"]!["Schema"] = "dbo";
            c["Realm"]!["JournalPath"] = journal.Paths.Root;
        });
        var bootstrap = CliRun.Of("bootstrap", "--realm-schema", Path.Combine(RepositoryPaths.Root, "samples", "realm-schema.json"),
            "--realm-path-pattern", Pattern, "--out", Path.Combine(journal.Root, "out"), "--apply", "--config", config);
        Assert.That(bootstrap.ExitCode, Is.Zero, bootstrap.Error + bootstrap.Output);
        return config;
    }

    /// <summary>Every dog as "path name breed", the path by the join a DBA writes.</summary>
    private static async Task<List<string>> DogsAsync(TestDatabase database, CancellationToken cancellationToken) =>
        [.. (await database.QueryAsync(
            "SELECT r.[RealmPath] + N' ' + d.[name] + N' ' + ISNULL(d.[breed], N'null') FROM [dbo].[Dog] AS d " +
            "JOIN [realmsync].[MappedRealm] AS r ON r.[RealmId] = d.[_realm_id] ORDER BY 1", cancellationToken)).Select(row => (string)row[0]!)];

    private static List<string> Breeds(JournalDirectory journal, string path) =>
        [.. SeedScenarioTests.Outbound(journal, path).OfType<InsertInstruction>().Where(i => i.ObjectType == "Dog").Select(i => Describe(i)[7..])];

    private static string Describe(Instruction instruction) => instruction switch
    {
        InsertInstruction i => $"INSERT {((StringValue)i.Identity).Value} {Breed(i.Values)}",
        SetInstruction s => $"SET {((StringValue)s.Identity).Value} {Breed(s.Values)}",
        _ => $"{instruction.GetType().Name} {instruction.ObjectType}",
    };

    private static string Breed(PropertyValues values) => values.Find("breed") is StringValue b ? b.Value : "null";

    private static async Task<bool> UntilAsync(Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100, cancellationToken);
        }

        return false;
    }
}
