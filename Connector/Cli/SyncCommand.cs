using System.CommandLine;
using System.Globalization;
using Connector.Configuration;
using Connector.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Cli;

/// <summary><c>sync</c>: one pass of each job (inbound, poll, ship), then exit; for cron or SQL Agent.</summary>
public static class SyncCommand
{
    public static Command Build()
    {
        var config = ConnectorCli.ConfigOption();
        var command = new Command(
            "sync",
            "Run one pass of each job, in order: apply inbound Realm transactions, poll SQL Server changes, ship the outbox; then exit. " +
            "Exit 0 when every pass succeeded. Needs SQL Server.")
        {
            config,
        };
        command.SetAction((parse, ct) => ConnectorCli.RunAsync(parse, async output =>
        {
            var options = ConnectorConfiguration.LoadOrThrow(parse.GetValue(config)!);
            using var signals = new ShutdownSignals(ct);
            await RunCommand.CheckDatabaseAsync(options, signals.Token);
            var builder = ConnectorHost.CreateBuilder(options);
            PassRegistration.ThrowIfMissing(builder.Services);
            using var host = builder.Build();
            var results = await host.Services.GetRequiredService<SyncRunner>().RunAsync(signals.Token);
            foreach (var (kind, result) in results)
            {
                var stopped = result.RealmPathStopped ? "; stopped: " + string.Join(", ", result.StoppedRealmPaths) : "";
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{kind}: {result.Transactions} transaction(s), {result.Rows} row(s), {result.Warnings.Count} warning(s){stopped}"));
            }

            return SyncRunner.ExitCode(results);
        }));
        return command;
    }
}
