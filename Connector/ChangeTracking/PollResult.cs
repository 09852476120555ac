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
    ImmutableArray<TableReload> Reloads)
{
    /// <summary>What else the pass has to say (a partitioned mapping's new Realms loaded, changes to rows of no registered Realm).</summary>
    public ImmutableArray<string> Warnings { get; init; } = [];

    /// <summary>Per Realm path counts, when the pass served several paths at once (a partitioned mapping); null: the pass's own path.</summary>
    public IReadOnlyList<Scheduling.RealmPathCounts>? Paths { get; init; }
}
