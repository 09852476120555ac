using System.CommandLine;
using System.Globalization;
using Connector.ChangeTracking;
using Connector.Configuration;
using Connector.Scheduling;
using Connector.SqlServer.ChangeTracking;
using Connector.SqlServer.Operations;
using Connector.SqlServer.Sql;

namespace Connector.Cli;

/// <summary>
/// <c>resend --realm-path P [--class C]...</c> (DESIGN.md section 8): queues the whole current content of the path's
/// tables (or of the named classes, with every class linking to them) in the outbox as CLEAR then INSERTs and links,
/// exactly as a retention reload does; the next ship writes it to the journal. For a Realm re-seeded from the database.
/// </summary>
public static class ResendCommand
{

    public static Command Build()
    {
        var config = ConnectorCli.ConfigOption();
        var realmPath = new Option<string>("--realm-path")
        {
            Description = "The Realm path to re-send, as mapped in the catalog (realmsync.MappedRealm).",
            HelpName = "P",
            Required = true,
        };
        var classes = new Option<string[]>("--class")
        {
            Description = "A class to re-send (repeat for several; names are case-sensitive). Every class linking to it is re-sent too, " +
                "since CLEAR drops the links to the objects it clears. Default: every class of the path.",
            HelpName = "C",
        };
        var command = new Command(
            "resend",
            "Queue the whole current content of a Realm path's tables (or of the named classes) in the outbox as CLEAR then INSERTs and links, " +
            "in one snapshot transaction with the changes since the last poll; 'sync' or the running service ('run') ships it to the journal. " +
            "For a Realm that must be re-seeded from the database. Needs SQL Server.")
        {
            config, realmPath, classes,
        };
        command.SetAction((parse, ct) => ConnectorCli.RunAsync(parse, async output =>
        {
            var options = ConnectorConfiguration.LoadOrThrow(parse.GetValue(config)!);
            using var signals = new ShutdownSignals(ct);
            var error = parse.InvocationConfiguration.Error;
            var resender = await ResenderAsync(options, message => error.WriteLine("warning: " + message), signals.Token);
            var result = await resender.ResendAsync(parse.GetValue(realmPath)!, parse.GetValue(classes) ?? [], signals.Token);
            foreach (var reload in result.Pass.Reloads)
            {
                await error.WriteLineAsync($"warning: table [{reload.Schema}].[{reload.Table}] was re-sent whole as well: {reload.Reason}");
            }

            await output.WriteAsync(Report(result));
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>
    /// The database's <see cref="IResender"/>, once it is reachable and has the catalog (exit 7 and 8 otherwise).
    /// </summary>
    public static async Task<IResender> ResenderAsync(ConnectorOptions options, Action<string> warn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Served() == DatabaseProvider.Postgres)
        {
            await Postgres.PgPasses.CheckAsync(options.Postgres, cancellationToken);
            var pollOptions = PassRegistration.PollOptions(options, PassRegistration.ApplierOptions(options));
            return new Postgres.PgResender(Postgres.PgConnectionFactory.For(options.Postgres), new Postgres.PgCapturePass(options.Postgres.ConnectionString, pollOptions));
        }

        await using (var connection = await OperationsConnection.OpenAsync(options.SqlServer, cancellationToken))
        {
            var (_, _, snapshot, _) = await DatabaseProbe.SettingsAsync(connection, cancellationToken);
            if (await DatabaseProbe.CatalogVersionAsync(connection, cancellationToken) is null)
            {
                throw new ConnectorException($"{connection.Target}: the catalog (schema realmsync) is absent; run 'realm-sqlserver install' first.", ExitCodes.NotReady);
            }

            if (!snapshot)
            {
                throw new ConnectorException(
                    $"{connection.Target}: snapshot isolation is off, and a resend reads in one snapshot; run 'realm-sqlserver install --enable-change-tracking' as db_owner.",
                    ExitCodes.NotReady);
            }
        }

        return new SqlServerResender(SqlConnectionFactory.For(options.SqlServer), PassRegistration.PollOptions(options, PassRegistration.ApplierOptions(options)), warn);
    }

    /// <summary>What was queued: the outbox versions, then one line per class, then who ships it.</summary>
    public static string Report(ResendResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var pass = result.Pass;
        var text = new System.Text.StringBuilder();
        var versions = pass.Transactions == 0 ? "nothing" : pass.Transactions == 1
            ? string.Create(CultureInfo.InvariantCulture, $"outbox version {pass.FirstVersion}")
            : string.Create(CultureInfo.InvariantCulture, $"outbox versions {pass.FirstVersion} to {pass.FirstVersion + pass.Transactions - 1}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Realm path '{result.RealmPath}': queued {versions}: {pass.Transactions} transaction(s), {pass.Instructions} instruction(s).");
        foreach (var c in result.Classes)
        {
            var how = c.Reason is null ? "changes since the last poll" : "re-sent whole (" + c.Reason + ")";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {c.Class}: {how}: {c.Instructions} instruction(s) in {c.Transactions} transaction(s)");
        }

        text.AppendLine("'sync', or the running service ('run'), ships them to the journal.");
        return text.ToString();
    }
}
