using System.CommandLine;
using Connector.Configuration;
using Connector.Scheduling;
using Connector.SqlServer.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Connector.Cli;

/// <summary><c>run</c>: the long-running service; Quartz fires the three jobs until the service manager stops it.</summary>
public static class RunCommand
{
    public static Command Build()
    {
        var config = ConnectorCli.ConfigOption();
        var command = new Command(
            "run",
            "Run as a service (systemd, Windows service, or in the foreground): the inbound, poll and ship jobs on their schedules " +
            "until stopped; a stop waits for running passes to finish. Needs SQL Server.")
        {
            config,
        };
        command.SetAction((parse, ct) => ConnectorCli.RunAsync(parse, async _ =>
        {
            var options = ConnectorConfiguration.LoadOrThrow(parse.GetValue(config)!);
            // Fail fast with a clear exit code rather than letting every job log the same connection error.
            await CheckDatabaseAsync(options, ct);
            using var host = BuildHost(options);
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RunCommand).FullName!);
            var scheduler = options.Scheduler;
            var target = options.Served() == DatabaseProvider.Postgres
                ? "PostgreSQL " + PostgresOptionsValidator.Masked(options.Postgres.ConnectionString)
                : ConnectionStringDisplay.Describe(options.SqlServer.ConnectionString);
            var inbound = ConnectorSchedule.Describe(scheduler.InboundInterval, scheduler.InboundCron);
            var poll = ConnectorSchedule.Describe(scheduler.PollInterval, scheduler.PollCron);
            var ship = ConnectorSchedule.Describe(scheduler.ShipInterval, scheduler.ShipCron);
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation(
                    "realm-sqlserver starting on {Target}: inbound {Inbound}, poll {Poll}, ship {Ship}, clustered {Clustered}, metrics {Metrics}",
                    target, inbound, poll, ship, scheduler.Clustered, Metrics.MetricsEndpoint.Describe(options.Metrics));
            }
            await Metrics.MetricsEndpoint.RunAsync(host, options.Metrics, ct);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>
    /// The host of <c>run</c>: the passes, the metrics endpoint when <c>Metrics:PrometheusPort</c> is set, and the
    /// schedule. The endpoint is added first so that it starts (or fails, on a port in use) before any job fires.
    /// </summary>
    public static IHost BuildHost(ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = ConnectorHost.CreateBuilder(options);
        PassRegistration.ThrowIfMissing(builder.Services);
        Metrics.MetricsEndpoint.Add(builder.Services, options.Metrics);
        ConnectorSchedule.Add(builder.Services, options);
        if (options.Served() == DatabaseProvider.Postgres)
        {
            builder.Services.AddHostedService(s => new Postgres.PgCaptureLoop(
                s.GetRequiredService<ServedRealms>(), s.GetRequiredService<Postgres.PgConnectionFactory>(), s.GetRequiredService<Postgres.PgCapturePass>(),
                s.GetRequiredService<IPollPass>(), s.GetRequiredService<IShipPass>(), s.GetRequiredService<PassRunner>(),
                options.Scheduler.PollInterval, s.GetRequiredService<ILogger<Postgres.PgCaptureLoop>>()));
        }

        return builder.Build();
    }

    /// <summary>Fails fast with a clear exit code rather than letting every job log the same connection error.</summary>
    internal static async Task CheckDatabaseAsync(ConnectorOptions options, CancellationToken cancellationToken)
    {
        if (options.Served() == DatabaseProvider.Postgres)
        {
            await Postgres.PgPasses.CheckAsync(options.Postgres, cancellationToken);
            return;
        }

        await (await OperationsConnection.OpenAsync(options.SqlServer, cancellationToken)).DisposeAsync();
    }
}
