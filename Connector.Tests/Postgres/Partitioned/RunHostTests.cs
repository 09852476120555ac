using Connector.Adapter;
using Connector.Cli;
using Connector.Configuration;
using Connector.Tests.Configuration;
using Connector.Tests.Journal;

namespace Connector.Tests.Postgres.Partitioned;

/// <summary>
/// A new user's Realm appearing while <c>run</c> is active (issue 12): its journal folder is written after the host
/// started; the next inbound pass registers the path with its first transaction, the capture sends it its initial
/// load, and SQL's later change to its row reaches it; no deployment, no restart.
/// </summary>
[TestFixture]
public sealed class RunHostTests
{
    [Test]
    public async Task A_path_appearing_while_run_is_active_is_registered_applied_and_served()
    {
        using var journal = new JournalDirectory();
        var (connectionString, config) = await SeedScenarioTests.DeployAsync(journal);
        var options = ConnectorConfiguration.LoadOrThrow(config, ConfigFiles.NoEnvironment);
        options.Scheduler.InboundInterval = TimeSpan.FromSeconds(1);
        options.Scheduler.PollInterval = TimeSpan.FromSeconds(1);
        options.Scheduler.ShipInterval = TimeSpan.FromSeconds(1);
        using var host = RunCommand.BuildHost(options);
        await host.StartAsync();
        try
        {
            await Task.Delay(1500); // run is up and has passed over an empty journal
            const string newcomer = "/0d0d/private";
            SeedScenarioTests.Write(journal, newcomer, 1, """{"type":"INSERT","object_type":"Dog","identity":"rex","values":{"name":"rex","breed":"beagle"}}""");
            Assert.That(await UntilAsync(async () => (await SeedScenarioTests.DogsAsync(connectionString)).Contains($"{newcomer} rex beagle")), Is.True,
                "the new path's first transaction is applied by the running host");
            Assert.That(await UntilAsync(() => Task.FromResult(SeedScenarioTests.Outbound(journal, newcomer).OfType<InsertInstruction>().Any())), Is.True,
                "its initial load reaches its outbound journal");
            await PostgresServer.ExecuteAsync(connectionString, """UPDATE public."Dog" SET breed = 'hound' WHERE name = 'rex';""");
            Assert.That(await UntilAsync(() => Task.FromResult(SeedScenarioTests.Outbound(journal, newcomer).OfType<SetInstruction>()
                .Any(s => s.Values.Find("breed") is StringValue { Value: "hound" }))), Is.True, "SQL's change reaches the new Realm");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<bool> UntilAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
