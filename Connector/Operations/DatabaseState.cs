namespace Connector.Operations;

/// <summary>What <see cref="DatabaseProbe"/> found: the identity, the two database settings and the catalog.</summary>
public sealed record DatabaseState(
    string ServerName,
    string DatabaseName,
    string LoginName,
    bool ChangeTrackingOn,
    string? Retention,
    bool SnapshotIsolationOn,
    int? CatalogVersion);
