using Connector.Configuration;
using Connector.SqlServer.Operations;

namespace Connector.Operations;

/// <summary>
/// <c>doctor</c>: every check, one line each with its fix. The offline checks (configuration, journal) run
/// whatever happens; the SQL checks are reported failed, not skipped, when there is no connection. The Quartz
/// job store is checked only for a clustered connector (<c>Scheduler:Clustered</c>); each partitioned mapping gets a line
/// (<see cref="PartitionReport"/>). Exit:
/// <see cref="ExitCodes.Configuration"/>, then <see cref="ExitCodes.SqlUnavailable"/>, then
/// <see cref="ExitCodes.NotReady"/> for the first kind of failure found, 0 when all pass.
/// </summary>
public static class DoctorRunner
{
    private static readonly string[] SqlChecks = ["catalog", DatabaseSettingsCheck.ChangeTrackingName, DatabaseSettingsCheck.SnapshotName, DatabaseSettingsCheck.CompatibilityName, PermissionCheck.Name];

    public static async Task<int> RunAsync(ConfigurationLoad load, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(output);
        var results = new List<CheckResult>();
        var exitCode = ExitCodes.Success;
        if (load.Options is not { } options)
        {
            results.AddRange(load.Failures.Select(f => CheckResult.Fail("configuration", f, "correct the key (README.md, Configuration).")));
            results.Add(CheckResult.Fail("connection", "not checked: the configuration is not valid.", "fix the configuration first."));
            results.AddRange(SqlChecks.Select(NotChecked));
            Write(output, results);
            return ExitCodes.Configuration;
        }

        if (options.Served() == Configuration.DatabaseProvider.Postgres)
        {
            return await Postgres.PgDoctor.RunAsync(options, load.File, output, cancellationToken);
        }

        results.Add(CheckResult.Pass("configuration", $"{load.File} is valid."));
        results.Add(JournalAccessCheck.Check(options.Realm.JournalPath));
        try
        {
            await using var connection = await OperationsConnection.OpenAsync(options.SqlServer, cancellationToken);
            results.AddRange(await SqlCheckResultsAsync(connection, options, cancellationToken));
        }
        catch (ConnectorException e) when (e.ExitCode == ExitCodes.SqlUnavailable)
        {
            results.Add(CheckResult.Fail("connection", e.Message, "see the message; the other SQL checks need a connection."));
            results.AddRange(SqlCheckNames(options).Select(NotChecked));
            exitCode = ExitCodes.SqlUnavailable;
        }
        catch (ConnectorException e)
        {
            results.Add(CheckResult.Fail("sql", e.Message, "see the message."));
            exitCode = e.ExitCode;
        }

        Write(output, results);
        return exitCode != ExitCodes.Success ? exitCode : results.Any(r => r.Failed) ? ExitCodes.NotReady : ExitCodes.Success;
    }

    private static async Task<IReadOnlyList<CheckResult>> SqlCheckResultsAsync(OperationsConnection connection, ConnectorOptions options, CancellationToken cancellationToken)
    {
        var state = await DatabaseProbe.ReadAsync(connection, cancellationToken);
        var results = new List<CheckResult>
        {
            CheckResult.Pass("connection", $"connected to {connection.Target} as login {state.LoginName}."),
            state.CatalogVersion == Catalog.CatalogSchema.Version
                ? CheckResult.Pass("catalog", DatabaseProbe.CatalogDescription(state.CatalogVersion) + ".")
                : CheckResult.Fail("catalog", DatabaseProbe.CatalogDescription(state.CatalogVersion) + ".", "run 'realm-sqlserver install' (or deploy.sql) as db_owner."),
        };
        results.AddRange(DatabaseSettingsCheck.Check(state, options.ChangeTracking.RetentionDays));
        results.Add(await DatabaseSettingsCheck.WhenJsonWorksAsync(state, PermissionCheck.Name, () => PermissionCheck.CheckAsync(connection, state, options, cancellationToken)));
        // Per partitioned mapping: its registered paths and the rows of no registered Realm (a warning).
        results.AddRange(await PartitionReport.CheckAsync(connection, state, cancellationToken));
        if (options.Scheduler.Clustered)
        {
            results.Add(await DatabaseSettingsCheck.WhenJsonWorksAsync(state, SchedulerStoreCheck.Name, () => SchedulerStoreCheck.CheckAsync(connection, cancellationToken)));
        }

        return results;
    }

    /// <summary>The names of the SQL checks <c>doctor</c> runs for these options, in order.</summary>
    public static IReadOnlyList<string> SqlCheckNames(ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Scheduler.Clustered ? [.. SqlChecks, SchedulerStoreCheck.Name] : SqlChecks;
    }

    private static CheckResult NotChecked(string name) => CheckResult.Fail(name, "not checked: no connection to SQL Server.", "fix the connection first.");

    private static void Write(TextWriter output, IEnumerable<CheckResult> results)
    {
        foreach (var result in results)
        {
            output.WriteLine(result.Line());
        }
    }
}
