using Connector.Adapter;
using Connector.ChangeTracking;
using Connector.Tests.Journal;

namespace Connector.Tests.ChangeTracking;

public class OutboxShipperTests
{
    private const string Realm = "/0123abcd/private";

    [Test]
    public async Task Unshipped_transactions_are_written_then_marked_shipped()
    {
        using var journal = new JournalDirectory();
        var store = new FakeStore(3);

        var shipped = await new OutboxShipper(store, batchSize: 2).ShipAsync(journal.Paths, 1, Realm, CancellationToken.None);

        Assert.That(shipped, Is.EqualTo(3));
        Assert.That(store.ShippedThrough, Is.EqualTo(3));
        Assert.That(Versions(journal), Is.EqualTo(new long[] { 1, 2, 3 }));
    }

    [Test]
    public async Task After_a_crash_between_write_and_mark_the_next_run_ships_again_and_the_journal_holds_each_version_once()
    {
        using var journal = new JournalDirectory();
        var store = new FakeStore(3) { FailNextMark = true };

        Assert.That(() => new OutboxShipper(store).ShipAsync(journal.Paths, 1, Realm, CancellationToken.None), Throws.TypeOf<IOException>());
        Assert.That(store.ShippedThrough, Is.Zero);

        var shipped = await new OutboxShipper(store).ShipAsync(journal.Paths, 1, Realm, CancellationToken.None);

        Assert.That(shipped, Is.EqualTo(3));
        Assert.That(store.ShippedThrough, Is.EqualTo(3));
        Assert.That(Versions(journal), Is.EqualTo(new long[] { 1, 2, 3 }));
    }

    private static List<long> Versions(JournalDirectory journal) =>
        [.. Directory.GetFiles(journal.Paths.OutboundDirectory(Realm)).Order(StringComparer.Ordinal)
            .SelectMany(f => AdapterCodec.ReadJsonl(new MemoryStream(File.ReadAllBytes(f)), requireFinalNewline: true).ToList())
            .Select(t => t.Version)];

    private sealed class FakeStore(int count) : IOutboxShippingStore
    {
        private readonly List<OutboxEntry> entries = [.. Enumerable.Range(1, count).Select(v =>
            new OutboxEntry(v, AdapterCodec.Encode(new AdapterTransaction(Realm, v, [new ClearInstruction("Dog")], new ChangeTrackingSource(0, 5)))))];

        public long ShippedThrough { get; private set; }

        public bool FailNextMark { get; set; }

        public Task<IReadOnlyList<OutboxEntry>> ReadUnshippedAsync(int realmId, int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<OutboxEntry>>([.. entries.Where(e => e.Version > ShippedThrough).Take(limit)]);

        public Task MarkShippedAsync(int realmId, long throughVersion, CancellationToken cancellationToken)
        {
            if (FailNextMark)
            {
                FailNextMark = false;
                throw new IOException("simulated crash after the journal write");
            }

            ShippedThrough = throughVersion;
            return Task.CompletedTask;
        }
    }
}
