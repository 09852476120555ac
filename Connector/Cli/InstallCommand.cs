using System.CommandLine;
using Connector.Configuration;
using Connector.SqlServer.Operations;

namespace Connector.Cli;

/// <summary><c>install</c>: the catalog, Change Tracking and snapshot isolation, and the login's permissions.</summary>
public static class InstallCommand
{
    public static Command Build()
    {
        var config = ConnectorCli.ConfigOption();
        var enable = new Option<bool>("--enable-change-tracking")
        {
            Description = "Turn on Change Tracking and ALLOW_SNAPSHOT_ISOLATION when they are off (needs ALTER on the database: run as db_owner). " +
                "Without it, install only says what is missing.",
        };
        var retention = new Option<int?>("--retention-days")
        {
            Description = "The Change Tracking retention set by --enable-change-tracking (default: ChangeTracking:RetentionDays, 2). " +
                "The connector must poll at least once within it.",
            HelpName = "N",
        };
        retention.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is { } days && days is < 1 or > ChangeTrackingOptionsValidator.MaxRetentionDays)
            {
                r.AddError($"--retention-days {days}: give 1 to {ChangeTrackingOptionsValidator.MaxRetentionDays} days.");
            }
        });
        var command = new Command(
            "install",
            "Deploy the catalog (schema realmsync) on the configured database, check or enable Change Tracking and snapshot isolation, " +
            "map the SqlFirst.Tables for SqlFirst.RealmPath, and list the permissions the login lacks. Needs SQL Server.")
        {
            config, enable, retention,
        };
        command.SetAction((parse, ct) => ConnectorCli.RunAsync(parse, output =>
        {
            var options = ConnectorConfiguration.LoadOrThrow(parse.GetValue(config)!);
            if (options.Served() == DatabaseProvider.Postgres)
            {
                return Postgres.PgInstall.RunAsync(options.Postgres, options.SqlFirst, output, ct);
            }

            var days = parse.GetValue(retention) ?? options.ChangeTracking.RetentionDays;
            return InstallRunner.RunAsync(options, parse.GetValue(enable), days, output, ct);
        }));
        return command;
    }
}
