using System.Text;
using Connector.Journal;
using Connector.Scheduling;

namespace Connector.ChangeTracking;

/// <summary>
/// Ships the outbox to <c>&lt;journal&gt;/&lt;realm key&gt;/outbound/</c>: writes unshipped transactions through
/// <see cref="OutboundJournalWriter"/> (whole lines, flushed) and only then marks them shipped. After a crash between
/// the write and the mark, the next run ships again what it cannot prove shipped; the writer skips versions it has
/// already written and the Realm side drops any duplicate by version (ADAPTER-PROTOCOL.md section 6).
/// </summary>
public sealed class OutboxShipper(IOutboxShippingStore store, int batchSize = OutboxShipper.DefaultBatchSize)
{
    public const int DefaultBatchSize = 500;

    /// <summary>
    /// The ship job's pass, on either database: every served Realm path's unshipped outbox transactions written to its
    /// outbound journal, each path through a store on a connection of its own (<paramref name="open"/>).
    /// </summary>
    public static async Task<PassResult> ShipServedAsync(
        ServedRealms served, JournalPaths journal, Func<CancellationToken, Task<(IOutboxShippingStore Store, IAsyncDisposable Connection)>> open, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(served);
        ArgumentNullException.ThrowIfNull(open);
        var (realms, warnings) = await served.ListAsync(cancellationToken);
        IReadOnlySet<int>? unshipped;
        var (first, firstConnection) = await open(cancellationToken);
        await using (firstConnection)
        {
            unshipped = await first.UnshippedRealmsAsync(cancellationToken);
        }

        var paths = new List<RealmPathCounts>();
        foreach (var realm in realms.Where(r => unshipped is null || unshipped.Contains(r.RealmId)))
        {
            var (store, connection) = await open(cancellationToken);
            await using (connection)
            {
                var shipped = await new OutboxShipper(store).ShipAsync(journal, realm.RealmId, realm.RealmPath, cancellationToken);
                paths.Add(new RealmPathCounts(realm.RealmPath) { Shipped = shipped });
            }
        }

        return new PassResult((int)paths.Sum(p => p.Shipped), 0, warnings, []) { Paths = paths };
    }

    /// <summary>Ships everything unshipped for one Realm path; returns how many transactions were marked shipped.</summary>
    public async Task<int> ShipAsync(JournalPaths paths, int realmId, string realmPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        await using var writer = await OutboundJournalWriter.OpenAsync(paths, realmPath, cancellationToken: cancellationToken);
        var shipped = 0;
        while (true)
        {
            var entries = await store.ReadUnshippedAsync(realmId, batchSize, cancellationToken);
            if (entries.Count == 0)
            {
                return shipped;
            }

            var lines = entries.Select(e => new EncodedTransaction(e.Version, Encoding.UTF8.GetBytes(e.TransactionJson))).ToList();
            await writer.AppendAsync(lines, cancellationToken);
            await store.MarkShippedAsync(realmId, entries[^1].Version, cancellationToken);
            shipped += entries.Count;
        }
    }
}
