namespace Connector.Operations;

/// <summary>
/// Change Tracking and snapshot isolation: checked, and with <c>install --enable-change-tracking</c> turned on.
/// Otherwise the result says exactly what is missing and the statement that fixes it.
/// </summary>
public static class DatabaseSettingsCheck
{
    public const string ChangeTrackingName = "change tracking";
    public const string SnapshotName = "snapshot isolation";

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
        ];
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

        return results;
    }
}
