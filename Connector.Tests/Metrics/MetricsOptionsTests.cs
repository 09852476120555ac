using System.Text.Json.Nodes;
using Connector.Configuration;
using Connector.Tests.Configuration;

namespace Connector.Tests.Metrics;

public sealed class MetricsOptionsTests : WorkFolderTest
{
    [Test]
    public void By_default_the_endpoint_is_off_and_valid()
    {
        var options = new MetricsOptions();

        Assert.That(options.EndpointOn(), Is.False);
        Assert.That(options.PrometheusHost, Is.EqualTo("localhost"));
        Assert.That(MetricsOptionsValidator.Check(options), Is.Empty);
    }

    [TestCase(1, "localhost")]
    [TestCase(9464, "127.0.0.1")]
    [TestCase(65535, "metrics.example.com")]
    [TestCase(9464, "*")]
    public void A_port_and_a_host_or_star_are_accepted(int port, string host) =>
        Assert.That(MetricsOptionsValidator.Check(new MetricsOptions { PrometheusPort = port, PrometheusHost = host }), Is.Empty);

    [TestCase(-1)]
    [TestCase(65536)]
    public void A_port_out_of_range_names_the_key_the_value_and_the_range(int port) =>
        Assert.That(MetricsOptionsValidator.Check(new MetricsOptions { PrometheusPort = port }), Is.EqualTo(new[]
        {
            $"RealmSqlServer:Metrics:PrometheusPort = {port}: must be between 1 and 65535 to serve http://<PrometheusHost>:<port>/metrics during 'run' " +
            "(9464 is Prometheus' usual exporter port), or 0 to leave it off.",
        }));

    [TestCase("0.0.0.0")]
    [TestCase("::")]
    [TestCase("+")]
    public void Every_interface_must_be_asked_for_with_a_star(string host) =>
        Assert.That(MetricsOptionsValidator.Check(new MetricsOptions { PrometheusPort = 9464, PrometheusHost = host }), Is.EqualTo(new[]
        {
            $"RealmSqlServer:Metrics:PrometheusHost = '{host}': to listen on every interface write '*' (the endpoint has no authentication: put it behind a firewall).",
        }));

    [TestCase("")]
    [TestCase("http://localhost")]
    [TestCase("::1")]
    [TestCase("host name")]
    public void A_host_the_listener_cannot_bind_is_refused_with_examples(string host) =>
        Assert.That(MetricsOptionsValidator.Check(new MetricsOptions { PrometheusPort = 9464, PrometheusHost = host }), Is.EqualTo(new[]
        {
            $"RealmSqlServer:Metrics:PrometheusHost = '{host}': must be a host name or IPv4 address of this machine, such as 'localhost' (the default) or '10.0.0.5', " +
            "or '*' for every interface.",
        }));

    [Test]
    public void An_environment_variable_switches_the_endpoint_on()
    {
        var options = ConnectorConfiguration.LoadOrThrow(ConfigFiles.RepositoryFile, new Dictionary<string, string?>
        {
            ["RealmSqlServer__Metrics__PrometheusPort"] = "9464", ["RealmSqlServer__Metrics__PrometheusHost"] = "*",
        });

        Assert.That((options.Metrics.PrometheusPort, options.Metrics.PrometheusHost, options.Metrics.EndpointOn()), Is.EqualTo((9464, "*", true)));
    }

    [Test]
    public void The_configuration_file_binds_and_validates_the_metrics_section()
    {
        var path = ConfigFiles.Write(Work, c => c["Metrics"] = new JsonObject { ["PrometheusPort"] = 70000, ["PrometheusHost"] = "*" });

        var load = ConnectorConfiguration.Load(path, ConfigFiles.NoEnvironment);

        Assert.That(load.Failures, Has.Count.EqualTo(1));
        Assert.That(load.Failures[0], Does.StartWith("RealmSqlServer:Metrics:PrometheusPort = 70000: must be between 1 and 65535"));
    }

    [Test]
    public void A_misspelt_metrics_key_is_reported_with_the_keys_that_exist()
    {
        var path = ConfigFiles.Write(Work, c => c["Metrics"]!["Port"] = 9464);

        var load = ConnectorConfiguration.Load(path, ConfigFiles.NoEnvironment);

        Assert.That(load.Failures, Is.EqualTo(new[]
        {
            "RealmSqlServer:Metrics:Port is not a configuration key; correct its spelling or remove it (the keys of RealmSqlServer:Metrics are PrometheusPort, PrometheusHost).",
        }));
    }
}
