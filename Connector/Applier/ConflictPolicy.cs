namespace Connector.Applier;

/// <summary><c>Sync.ConflictPolicy</c>: who wins when a row changed in SQL since it was last sent to Realm is changed by Realm.</summary>
public enum ConflictPolicy
{
    /// <summary><c>sql-wins</c>: the Realm change to that row is dropped (and recorded).</summary>
    SqlWins,

    /// <summary><c>realm-wins</c>: the Realm change is applied (and the conflict recorded).</summary>
    RealmWins,
}
