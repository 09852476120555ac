namespace Connector.ChangeTracking;

/// <summary>What <see cref="OutboxShipper"/> needs of the outbox (a seam for tests of crashes between steps).</summary>
public interface IOutboxShippingStore
{
    /// <summary>Unshipped rows of the Realm path in version order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<OutboxEntry>> ReadUnshippedAsync(int realmId, int limit, CancellationToken cancellationToken);

    /// <summary>Marks every unshipped row up to <paramref name="throughVersion"/> shipped.</summary>
    Task MarkShippedAsync(int realmId, long throughVersion, CancellationToken cancellationToken);
}
