namespace Connector.ChangeTracking;

/// <summary>What <see cref="OutboxShipper"/> needs of the outbox (a seam for tests of crashes between steps).</summary>
public interface IOutboxShippingStore
{
    /// <summary>Unshipped rows of the Realm path in version order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<OutboxEntry>> ReadUnshippedAsync(int realmId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The RealmIds that have unshipped rows, so that a ship pass over thousands of paths visits only those (issue 12);
    /// null when the store does not say (then every served path is visited).
    /// </summary>
    Task<IReadOnlySet<int>?> UnshippedRealmsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlySet<int>?>(null);

    /// <summary>Marks every unshipped row up to <paramref name="throughVersion"/> shipped.</summary>
    Task MarkShippedAsync(int realmId, long throughVersion, CancellationToken cancellationToken);
}
