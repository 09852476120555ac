namespace Connector.Scheduling;

/// <summary>
/// What one pass did for one Realm path, as the metrics count it. Each pass fills the fields it knows: the inbound
/// pass the first four, a capture pass (SQL Server's poll, PostgreSQL's replication reader) the outbox ones and
/// <see cref="Captured"/>, the ship pass <see cref="Shipped"/>.
/// </summary>
public sealed record RealmPathCounts(string RealmPath)
{
    /// <summary>Realm transactions applied to the database.</summary>
    public long Applied { get; init; }

    /// <summary>The instructions of the applied transactions.</summary>
    public long Instructions { get; init; }

    /// <summary>Rows written to realmsync.DeadLetter: bad transactions and objects left out of applied ones.</summary>
    public long DeadLetters { get; init; }

    /// <summary>Conflicts resolved by <c>Sync:ConflictPolicy</c> (rows of realmsync.Conflict).</summary>
    public long Conflicts { get; init; }

    /// <summary>Outbound transactions written to the outbox.</summary>
    public long OutboxTransactions { get; init; }

    /// <summary>The instructions of those outbound transactions.</summary>
    public long OutboxInstructions { get; init; }

    /// <summary>Outbox transactions written to the outbound journal and marked shipped.</summary>
    public long Shipped { get; init; }

    /// <summary>The unshipped outbox transactions after the pass, when the pass read them; null when it did not.</summary>
    public long? OutboxBacklog { get; init; }

    /// <summary>
    /// The pass read every change the database had committed for the path when the pass started (a poll that
    /// succeeded, a replication read that caught up): the capture lag restarts from the pass's start.
    /// </summary>
    public bool Captured { get; init; }
}
