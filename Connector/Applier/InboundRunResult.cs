namespace Connector.Applier;

/// <summary>What one run of <see cref="InboundApplier.RunOnceAsync"/> did for a Realm path.</summary>
public sealed record InboundRunResult(
    string RealmPath,
    InboundRunStatus Status,
    int Applied,
    int Skipped,
    int DeadLettered,
    int Conflicts,
    long Cursor,
    string? Reason);
