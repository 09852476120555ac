using System.Text;
using Connector.Journal;

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
