using System.CommandLine;
using Connector.Configuration;
using Connector.SqlServer.Operations;

namespace Connector.Cli;

/// <summary><c>status</c>: per Realm path, cursor, watermarks and lag, retention headroom, outbox, dead letters, conflicts.</summary>
public static class StatusCommand
{
    public static Command Build()
    {
        var config = ConnectorCli.ConfigOption();
        var command = new Command(
            "status",
            "Print, per mapped Realm path, the inbound cursor, each table's watermark with its lag and Change Tracking retention headroom, " +
            "the outbox backlog, dead letters and conflicts. Needs SQL Server.")
        {
            config,
        };
        command.SetAction((parse, ct) => ConnectorCli.RunAsync(parse, async output =>
        {
            var options = ConnectorConfiguration.LoadOrThrow(parse.GetValue(config)!);
            if (options.Served() == DatabaseProvider.Postgres)
            {
                return await Postgres.PgStatus.RunAsync(options.Postgres, output, ct);
            }

            await using var connection = await OperationsConnection.OpenAsync(options.SqlServer, ct);
            switch (await DatabaseProbe.CatalogVersionAsync(connection, ct))
            {
                case null:
                    throw new ConnectorException($"{connection.Target}: the catalog (schema realmsync) is absent; run 'realm-sqlserver install' first.", ExitCodes.NotReady);
                case < Catalog.CatalogSchema.Version and var old:
                    // Status reads MappedRealm.PartitionOf (version 2).
                    throw new ConnectorException($"{connection.Target}: the catalog is version {old}; run 'realm-sqlserver install' to upgrade it to version {Catalog.CatalogSchema.Version}.", ExitCodes.NotReady);
            }

            var report = await StatusReader.ReadAsync(connection, ct);
            await output.WriteLineAsync($"Status of {connection.Target}:");
            var warnings = StatusWriter.Write(report, [.. options.Realm.RealmPaths], options.ChangeTracking.RetentionWarningFraction, output);
            return warnings == 0 ? ExitCodes.Success : ExitCodes.NotReady;
        }));
        return command;
    }
}
