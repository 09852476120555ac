namespace Connector.Scheduling;

/// <summary>
/// What one pass did: how many transactions it handled (applied, polled into the outbox, or shipped),
/// the warnings worth a log line, and whether a Realm path stopped (a bad transaction with
/// <c>Sync:OnBadTransaction = stop</c>, or a schema change waiting for a DBA). <see cref="Paths"/> breaks the
/// counts down per Realm path for the metrics (Metrics/ConnectorMetrics.cs); a pass that leaves it empty is
/// measured by its totals alone, without a Realm path tag.
/// </summary>
public sealed record PassResult(int Transactions, int Rows, IReadOnlyList<string> Warnings, IReadOnlyList<string> StoppedRealmPaths)
{
    public static PassResult Empty { get; } = new(0, 0, [], []);

    public bool RealmPathStopped => StoppedRealmPaths.Count > 0;

    public IReadOnlyList<RealmPathCounts> Paths { get; init; } = [];
}
