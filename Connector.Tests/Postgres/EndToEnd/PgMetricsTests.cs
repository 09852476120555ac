using Connector.Adapter;
using Connector.Cli;
using Connector.Configuration;
using Connector.Tests.Configuration;
using Connector.Tests.Journal;
using Connector.Tests.Metrics;
using Microsoft.Extensions.Hosting;

namespace Connector.Tests.Postgres.EndToEnd;

/// <summary>
/// <c>run</c>'s host on PostgreSQL with the metrics endpoint on: its first inbound pass applies the sample journal and
/// the scrape shows the transactions and instructions it applied under the Realm path.
/// </summary>
[TestFixture]
public sealed class PgMetricsTests
{
    [Test]
    public async Task Run_on_postgresql_serves_the_applied_counts_at_the_metrics_endpoint()
    {
        using var journal = new JournalDirectory();
        var (_, config) = await PgSample.DeployAsync(journal, "metrics");
        var sample = Path.Combine(PgSample.Samples, "instructions.jsonl");
        var lines = await File.ReadAllLinesAsync(sample);
        var instructions = lines.Sum(l => AdapterCodec.Decode(l).Instructions.Length);

        var options = ConnectorConfiguration.LoadOrThrow(config, ConfigFiles.NoEnvironment);
        options.Metrics.PrometheusPort = MetricsEndpointTests.FreePort();
        using var host = RunCommand.BuildHost(options);
        await host.StartAsync();
        try
        {
            // The inbound job fires at start; the scrape is read until its pass has been counted.
            var text = "";
            for (var attempt = 0; attempt < 100 && MetricsEndpointTests.Value(text, "realmsync_inbound_transactions_total", "/default") is null; attempt++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
                text = await MetricsEndpointTests.Scrape(options.Metrics);
            }

            Assert.That(MetricsEndpointTests.Value(text, "realmsync_inbound_transactions_total", "/default"), Is.EqualTo(lines.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)), text);
            Assert.That(MetricsEndpointTests.Value(text, "realmsync_inbound_instructions_total", "/default"), Is.EqualTo(instructions.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(MetricsEndpointTests.Value(text, "realmsync_dead_letters_total", "/default"), Is.EqualTo("0"));
            Assert.That(MetricsEndpointTests.Value(text, "realmsync_conflicts_total", "/default"), Is.EqualTo("0"));
            Assert.That(text, Does.Not.Contain("Host=").And.Not.Contain("Password"), "no connection string in a label");
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
