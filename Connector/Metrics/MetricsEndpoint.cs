using Connector.Configuration;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace Connector.Metrics;

/// <summary>
/// The Prometheus scrape endpoint of <c>run</c>: OpenTelemetry's metrics pipeline reading the meter
/// <see cref="ConnectorMetrics.MeterName"/>, served by its HttpListener exporter at <c>http://host:port/metrics</c>
/// in the Prometheus text format. Only <c>run</c> adds it; with <c>Metrics:PrometheusPort</c> 0 nothing listens.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    /// <summary>Adds the endpoint when it is switched on; true when it was.</summary>
    public static bool Add(IServiceCollection services, MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.EndpointOn())
        {
            return false;
        }

        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ConnectorMetrics.MeterName)
            .AddPrometheusHttpListener(listener =>
            {
                listener.Host = options.PrometheusHost;
                listener.Port = options.PrometheusPort;
                listener.ScrapeEndpointPath = Path;
            }));
        return true;
    }

    /// <summary>
    /// Runs the host until it stops; an endpoint that cannot listen (the port taken, the host not this machine's)
    /// becomes the configuration error it is, rather than a stack trace.
    /// </summary>
    public static async Task RunAsync(IHost host, MetricsOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            await host.RunAsync(cancellationToken);
        }
        catch (Exception e) when (options.EndpointOn() && ListenerFailure(e) is { } failure)
        {
            throw new ConnectorException(
                $"{ConnectorOptions.SectionName}:Metrics:PrometheusPort = {options.PrometheusPort}: cannot serve {Describe(options)} ({failure.Message}); " +
                "choose a free port, or set 0 to leave the endpoint off.", ExitCodes.Configuration);
        }
    }

    private static HttpListenerException? ListenerFailure(Exception? e) => e switch
    {
        null => null,
        HttpListenerException listener => listener,
        AggregateException all => all.InnerExceptions.Select(ListenerFailure).FirstOrDefault(f => f is not null),
        _ => ListenerFailure(e.InnerException),
    };

    /// <summary>The scrape address for the start-up log line, or "off".</summary>
    public static string Describe(MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.EndpointOn() ? $"http://{options.PrometheusHost}:{options.PrometheusPort}{Path}" : "off";
    }
}
