using Microsoft.Extensions.Options;

namespace Connector.Configuration;

/// <summary>Checks <see cref="MetricsOptions"/>: a port in range, a host the HTTP listener can bind.</summary>
public sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options) => ValidationResults.Of(Check(options));

    public static IReadOnlyList<string> Check(MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new OptionFailures("Metrics");
        failures.AddUnless(options.PrometheusPort is >= 0 and <= 65535, nameof(options.PrometheusPort), options.PrometheusPort,
            "must be between 1 and 65535 to serve http://<PrometheusHost>:<port>/metrics during 'run' (9464 is Prometheus' usual exporter port), or 0 to leave it off.");
        if (HostProblem(options.PrometheusHost) is { } problem)
        {
            failures.Add(nameof(options.PrometheusHost), options.PrometheusHost, problem);
        }

        return failures.All;
    }

    private static string? HostProblem(string? host)
    {
        if (host == MetricsOptions.AllInterfaces)
        {
            return null;
        }

        if (host is "0.0.0.0" or "::" or "[::]" or "+")
        {
            return $"to listen on every interface write '{MetricsOptions.AllInterfaces}' (the endpoint has no authentication: put it behind a firewall).";
        }

        return Uri.CheckHostName(host) is UriHostNameType.Dns or UriHostNameType.IPv4
            ? null
            : "must be a host name or IPv4 address of this machine, such as 'localhost' (the default) or '10.0.0.5', " +
              $"or '{MetricsOptions.AllInterfaces}' for every interface.";
    }
}
