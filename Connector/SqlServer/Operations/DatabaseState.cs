namespace Connector.SqlServer.Operations;

/// <summary>
/// What <see cref="DatabaseProbe"/> found: the identity, the two database settings and the catalog.
/// <see cref="Retention"/> is null when Change Tracking is off, or when the login cannot see the database's row of
/// <c>sys.change_tracking_databases</c> (it needs VIEW ANY DATABASE, which public holds unless a DBA revoked it).
/// </summary>
public sealed record DatabaseState(
    string ServerName,
    string DatabaseName,
    string LoginName,
    bool ChangeTrackingOn,
    RetentionPeriod? Retention,
    bool SnapshotIsolationOn,
    int? CatalogVersion)
{
    /// <summary>SQL Server 2016's level: OPENJSON, which the permission checks use, needs it (Msg 208 below it).</summary>
    public const int MinimumCompatibilityLevel = 130;

    /// <summary>The database's compatibility level (<c>sys.databases.compatibility_level</c>).</summary>
    public int CompatibilityLevel { get; init; } = MinimumCompatibilityLevel;

    public bool CompatibilityLevelSupported => CompatibilityLevel >= MinimumCompatibilityLevel;

    public string RetentionText => Retention?.ToString() ?? "unknown: this login cannot see sys.change_tracking_databases";
}
