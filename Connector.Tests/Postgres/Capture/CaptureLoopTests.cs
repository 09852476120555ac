using Connector.Adapter;
using Connector.Cli;
using Connector.Configuration;
using Connector.Tests.Configuration;
using Connector.Tests.Journal;
using Connector.Tests.Postgres.EndToEnd;
using Microsoft.Extensions.Hosting;

namespace Connector.Tests.Postgres.Capture;

/// <summary>
/// <c>run</c>'s host on PostgreSQL, as the CLI builds it: with a poll interval of an hour, a row committed in SQL still
/// reaches the outbound journal, because capture follows the replication stream; and Realm's own transactions do not.
/// </summary>
[TestFixture]
public sealed class CaptureLoopTests
{
    [Test]
    public async Task Run_sends_a_row_committed_in_postgresql_to_the_outbound_journal_without_waiting_for_the_poll_interval()
    {
        using var journal = new JournalDirectory();
        var (connectionString, config) = await PgSample.DeployAsync(journal, "captureloop");
        var options = ConnectorConfiguration.LoadOrThrow(config, ConfigFiles.NoEnvironment);
        options.Scheduler.PollInterval = TimeSpan.FromHours(1);
        options.Scheduler.ShipInterval = TimeSpan.FromHours(1);
        using var host = RunCommand.BuildHost(options);
        await host.StartAsync();
        try
        {
            // The first capture pass is the initial load (CLEAR, then what the sample journal wrote): wait for it.
            var loaded = await WaitForAsync(journal, instructions => instructions.OfType<ClearInstruction>().Any());
            Assert.That(loaded, Is.Not.Null, "the initial load reached the outbound journal");
            await using (var connection = await PostgresServer.OpenAsync(connectionString, CancellationToken.None))
            await using (var insert = new Npgsql.NpgsqlCommand("""INSERT INTO public."Dog" (name) VALUES ('pushed');""", connection))
            {
                await insert.ExecuteNonQueryAsync();
            }

            var pushed = await WaitForAsync(journal, instructions => instructions.OfType<InsertInstruction>().Any(i => i.ObjectType == "Dog" && i.Identity == new StringValue("pushed")));
            Assert.That(pushed, Is.Not.Null, "a row committed in PostgreSQL is sent without waiting for the hour-long poll interval");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>The outbound journal's instructions once <paramref name="found"/> holds for them (within 20 s), else null.</summary>
    private static async Task<List<Instruction>?> WaitForAsync(JournalDirectory journal, Func<List<Instruction>, bool> found)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var outbound = Path.Combine(journal.Root, "journal", "%2Fdefault", "outbound");
            var instructions = Directory.Exists(outbound)
                ? Directory.EnumerateFiles(outbound, "*.jsonl").SelectMany(File.ReadAllLines).Where(l => l.Length > 0)
                    .SelectMany(l => AdapterCodec.Decode(l).Instructions).ToList()
                : [];
            if (found(instructions))
            {
                return instructions;
            }

            await Task.Delay(100);
        }

        return null;
    }
}
