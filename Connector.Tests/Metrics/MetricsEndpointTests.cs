using System.Net;
using System.Net.Sockets;
using Connector.Configuration;
using Connector.Metrics;
using Connector.Scheduling;
using Connector.Tests.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Connector.Tests.Metrics;

/// <summary>The Prometheus endpoint, scraped over HTTP on a free loopback port.</summary>
public sealed class MetricsEndpointTests
{
    [Test]
    public async Task The_endpoint_serves_the_pass_counts_in_the_prometheus_text_format()
    {
        var options = Options(FreePort());
        var builder = ConnectorHost.CreateBuilder(options, (services, _) =>
        {
            var passes = new FakePasses([]);
            services.AddSingleton<IInboundPass>(passes).AddSingleton<IPollPass>(passes).AddSingleton<IShipPass>(passes);
        });
        Assert.That(MetricsEndpoint.Add(builder.Services, options.Metrics), Is.True);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var runner = host.Services.GetRequiredService<PassRunner>();
            await runner.RunAsync(PassKind.Inbound, _ => ValueTask.FromResult(PassResult.Empty with
            {
                Paths = [new RealmPathCounts("/scraped") { Applied = 3, Instructions = 12, DeadLetters = 1, Conflicts = 2 }],
            }), CancellationToken.None);
            await runner.RunAsync(PassKind.Poll, _ => ValueTask.FromResult(PassResult.Empty with
            {
                Paths = [new RealmPathCounts("/scraped") { OutboxTransactions = 4, OutboxInstructions = 9, Captured = true }],
            }), CancellationToken.None);

            var text = await Scrape(options.Metrics);
            TestContext.Out.WriteLine(text);

            Assert.Multiple(() =>
            {
                Assert.That(Value(text, "realmsync_inbound_transactions_total", "/scraped"), Is.EqualTo("3"));
                Assert.That(Value(text, "realmsync_inbound_instructions_total", "/scraped"), Is.EqualTo("12"));
                Assert.That(Value(text, "realmsync_dead_letters_total", "/scraped"), Is.EqualTo("1"));
                Assert.That(Value(text, "realmsync_conflicts_total", "/scraped"), Is.EqualTo("2"));
                Assert.That(Value(text, "realmsync_outbox_transactions_total", "/scraped"), Is.EqualTo("4"));
                Assert.That(Value(text, "realmsync_outbox_instructions_total", "/scraped"), Is.EqualTo("9"));
                Assert.That(Value(text, "realmsync_outbox_backlog", "/scraped"), Is.EqualTo("4"));
                Assert.That(double.Parse(Value(text, "realmsync_capture_lag_seconds", "/scraped")!, System.Globalization.CultureInfo.InvariantCulture), Is.InRange(0, 60));
                Assert.That(text, Does.Contain("# TYPE realmsync_inbound_transactions_total counter"));
                Assert.That(text, Does.Contain("# TYPE realmsync_outbox_backlog gauge"));
                Assert.That(text, Does.Contain("# TYPE realmsync_pass_duration_seconds histogram"));
                Assert.That(text, Does.Contain("realmsync_pass_duration_seconds_bucket{otel_scope_name=\"RealmSqlServer\",outcome=\"ok\",pass=\"inbound\",le=\"0.005\"}"));
                Assert.That(text, Does.Not.Contain("Password").And.Not.Contain("sql1"), "no connection string in a label");
            });
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Test]
    public void A_port_in_use_stops_run_naming_the_key_and_the_fix()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var options = Options(((IPEndPoint)busy.LocalEndpoint).Port);
        var builder = ConnectorHost.CreateBuilder(options, (_, _) => { });
        MetricsEndpoint.Add(builder.Services, options.Metrics);
        using var host = builder.Build();

        var e = Assert.ThrowsAsync<ConnectorException>(async () => await MetricsEndpoint.RunAsync(host, options.Metrics, CancellationToken.None));

        Assert.That(e!.ExitCode, Is.EqualTo(ExitCodes.Configuration));
        Assert.That(e.Message, Is.EqualTo(
            $"RealmSqlServer:Metrics:PrometheusPort = {options.Metrics.PrometheusPort}: cannot serve http://localhost:{options.Metrics.PrometheusPort}/metrics " +
            "(Address already in use); choose a free port, or set 0 to leave the endpoint off."));
    }

    [Test]
    public void Without_a_port_nothing_is_added()
    {
        var services = new ServiceCollection();

        Assert.That(MetricsEndpoint.Add(services, new MetricsOptions()), Is.False);
        Assert.That(services, Is.Empty);
    }

    /// <summary>A port the system just handed out and released: free unless something takes it in between.</summary>
    internal static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    internal static async Task<string> Scrape(MetricsOptions options)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        return await http.GetStringAsync(new Uri($"http://localhost:{options.PrometheusPort}{MetricsEndpoint.Path}"));
    }

    /// <summary>The value of the sample of <paramref name="metric"/> whose realm_path label is <paramref name="realmPath"/>; null when there is none.</summary>
    internal static string? Value(string text, string metric, string realmPath)
    {
        var label = $"realm_path=\"{realmPath}\"";
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(metric + "{", StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal));
        return line?[(line.IndexOf("} ", StringComparison.Ordinal) + 2)..].Split(' ')[0];
    }

    private static ConnectorOptions Options(int port)
    {
        var options = new ConnectorOptions();
        options.SqlServer.ConnectionString = "Server=sql1;Database=RealmSync;Integrated Security=true";
        options.Realm.JournalPath = "/tmp";
        options.Metrics.PrometheusPort = port;
        return options;
    }
}
