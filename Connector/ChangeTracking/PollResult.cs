using System.Collections.Immutable;

namespace Connector.ChangeTracking;

/// <summary>
/// What one pass did: the Change Tracking version it read up to, the outbound versions it wrote to the outbox
/// (none when <see cref="Transactions"/> is 0) and the tables it re-sent whole (log each as a warning).
/// </summary>
public sealed record PollResult(
    long ChangeTrackingTo,
    long FirstVersion,
    int Transactions,
    long Instructions,
    ImmutableArray<TableReload> Reloads);
