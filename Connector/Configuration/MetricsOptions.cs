namespace Connector.Configuration;

/// <summary>
/// <c>RealmSqlServer:Metrics</c>: the Prometheus scrape endpoint of <c>run</c> (OpenTelemetry metrics of the meter
/// <c>RealmSqlServer</c>, Metrics/ConnectorMetrics.cs). Off unless a port is given; other commands never open it.
/// </summary>
public sealed class MetricsOptions
{
    /// <summary>Listens on every interface: it must be written out, never a default.</summary>
    public const string AllInterfaces = "*";

    /// <summary>The TCP port of <c>http://host:port/metrics</c>; 0 (the default) leaves the endpoint off.</summary>
    public int PrometheusPort { get; set; }

    /// <summary>The host name or address the endpoint binds to; <c>*</c> for every interface.</summary>
    public string PrometheusHost { get; set; } = "localhost";

    /// <summary>A method, not a property, so that it is no configuration key.</summary>
    public bool EndpointOn() => PrometheusPort != 0;
}
