namespace Connector.Applier;

/// <summary>
/// What one run of <see cref="InboundApplier.RunOnceAsync"/> did for a Realm path; <see cref="LeftOut"/> counts the
/// objects with a null primary key left out of applied transactions (each a realmsync.DeadLetter row).
/// </summary>
public sealed record InboundRunResult(
    string RealmPath,
    InboundRunStatus Status,
    int Applied,
    int Skipped,
    int DeadLettered,
    int Conflicts,
    long Cursor,
    string? Reason)
{
    public int LeftOut { get; init; }

    /// <summary>The instructions of the applied transactions.</summary>
    public long Instructions { get; init; }
}
