using Connector.Operations;

namespace Connector.SqlServer.Operations;

/// <summary>
/// Change Tracking and snapshot isolation: checked, and with <c>install --enable-change-tracking</c> turned on.
/// Otherwise the result says exactly what is missing and the statement that fixes it.
/// </summary>
public static class DatabaseSettingsCheck
{
    public const string ChangeTrackingName = "change tracking";
    public const string SnapshotName = "snapshot isolation";
    public const string CompatibilityName = "compatibility level";

    public static IReadOnlyList<CheckResult> Check(DatabaseState state, int retentionDays)
    {
        ArgumentNullException.ThrowIfNull(state);
        return
        [
            state.ChangeTrackingOn
                ? CheckResult.Pass(ChangeTrackingName, $"on in database {state.DatabaseName} (retention {state.RetentionText}).")
                : CheckResult.Fail(ChangeTrackingName, $"off in database {state.DatabaseName}.",
                    $"run 'realm-sqlserver install --enable-change-tracking', or as db_owner: {OperationsSql.EnableChangeTracking(retentionDays).Sql}"),
            state.SnapshotIsolationOn
                ? CheckResult.Pass(SnapshotName, $"ALLOW_SNAPSHOT_ISOLATION is on in database {state.DatabaseName}.")
                : CheckResult.Fail(SnapshotName, $"ALLOW_SNAPSHOT_ISOLATION is off in database {state.DatabaseName}.",
                    $"run 'realm-sqlserver install --enable-change-tracking', or as db_owner: {OperationsSql.EnableSnapshotIsolation.Sql.Trim()}"),
            Compatibility(state),
        ];
    }

    /// <summary>
    /// The compatibility level, never changed by the connector (an application's queries may depend on it): below 130
    /// the connector's permission checks, which read their lists with OPENJSON, cannot run.
    /// </summary>
    public static CheckResult Compatibility(DatabaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.CompatibilityLevelSupported
            ? CheckResult.Pass(CompatibilityName, $"{state.CompatibilityLevel} in database {state.DatabaseName}.")
            : CheckResult.Fail(CompatibilityName,
                $"{state.CompatibilityLevel} in database {state.DatabaseName}: below {DatabaseState.MinimumCompatibilityLevel} (SQL Server 2016), the connector's permission checks cannot run (they use OPENJSON).",
                $"after checking that the database's applications work at the new level, as db_owner: ALTER DATABASE CURRENT SET COMPATIBILITY_LEVEL = {DatabaseState.MinimumCompatibilityLevel}; (the connector never changes it).");
    }

    /// <summary>The result of a check that reads a JSON list, or its refusal when the compatibility level cannot run it.</summary>
    public static async Task<CheckResult> WhenJsonWorksAsync(DatabaseState state, string name, Func<Task<CheckResult>> check)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(check);
        return state.CompatibilityLevelSupported
            ? await check()
            : CheckResult.Fail(name, $"not checked: the database's compatibility level is {state.CompatibilityLevel}.", "see the compatibility level line.");
    }

    /// <summary>Turns on what is off; returns what it did.</summary>
    public static async Task<IReadOnlyList<CheckResult>> EnableAsync(OperationsConnection connection, DatabaseState state, int retentionDays, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(state);
        var results = new List<CheckResult>();
        if (state.ChangeTrackingOn)
        {
            results.Add(CheckResult.Pass(ChangeTrackingName, $"already on (retention {state.RetentionText}; left unchanged)."));
        }
        else
        {
            await connection.ExecuteAsync(OperationsSql.EnableChangeTracking(retentionDays), cancellationToken);
            results.Add(CheckResult.Pass(ChangeTrackingName, $"turned on (retention {retentionDays} days, auto cleanup on)."));
        }

        if (state.SnapshotIsolationOn)
        {
            results.Add(CheckResult.Pass(SnapshotName, "ALLOW_SNAPSHOT_ISOLATION already on."));
        }
        else
        {
            await connection.ExecuteAsync(OperationsSql.EnableSnapshotIsolation, cancellationToken);
            results.Add(CheckResult.Pass(SnapshotName, "ALLOW_SNAPSHOT_ISOLATION turned on."));
        }

        results.Add(Compatibility(state));
        return results;
    }
}
