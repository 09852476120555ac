namespace Connector.Catalog;

/// <summary>
/// A Realm path recorded in realmsync.MappedRealm. In a partitioned mapping (issue 12) the mapping itself is a row
/// (<see cref="Partitioned"/>: its RealmPath holds the Realm path pattern), and each Realm path registered under it names
/// it in <see cref="PartitionOf"/>. A path that matches a pattern and is not registered yet has RealmId 0: the applier
/// registers it in the transaction that applies its first inbound transaction.
/// </summary>
public sealed record MappedRealm(int RealmId, string RealmPath, string SqlSchema)
{
    /// <summary>The RealmId of the partitioned mapping this Realm path belongs to; null for a path mapped on its own.</summary>
    public int? PartitionOf { get; init; }

    /// <summary>Whether this row is a partitioned mapping (its RealmPath is a pattern, not a Realm path).</summary>
    public bool Partitioned { get; init; }

    /// <summary>The inbound cursor when the listing read it (saves the runner a query per path on its first pass); null: not read.</summary>
    public long? Cursor { get; init; }

    /// <summary>Whether the catalog holds this path (false: it matches a pattern and registers with its first transaction).</summary>
    public bool Registered => RealmId > 0;
}
