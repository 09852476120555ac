using Connector.Adapter;
using Connector.ChangeTracking;

namespace Connector.Tests.ChangeTracking;

public class OutboundBatchingTests
{
    [Test]
    public void Instructions_are_cut_into_transactions_of_the_configured_size_with_consecutive_versions_and_the_source()
    {
        var source = new ChangeTrackingSource(10, 42);
        var batcher = new OutboundBatcher("/r", firstVersion: 7, source, size: 1000);

        batcher.Add(Enumerable.Range(0, 2500).Select(i => new DeleteInstruction("Dog", new IntValue(i))));
        batcher.Flush();
        var transactions = batcher.Drain();

        Assert.That(transactions.Select(t => (t.Version, t.Instructions.Length, t.Source)),
            Is.EqualTo(new[] { (7L, 1000, source), (8L, 1000, source), (9L, 500, source) }));
        Assert.That(((DeleteInstruction)transactions[2].Instructions[^1]).Identity, Is.EqualTo(new IntValue(2499)));
        Assert.That(batcher.NextVersion, Is.EqualTo(10));
    }

    [Test]
    public void The_outbound_line_carries_the_change_tracking_range() =>
        Assert.That(
            AdapterCodec.Encode(new AdapterTransaction("/r", 3, [new ClearInstruction("Dog")], new ChangeTrackingSource(1, 2))),
            Does.Contain("\"source\":{\"change_tracking_from\":1,\"change_tracking_to\":2}"));

    [Test]
    public void A_class_re_sent_whole_takes_every_class_linking_to_it_along()
    {
        var mapping = DeltaRows.Mapping;

        Assert.That(ReloadScope.Classes(mapping, new HashSet<string> { "Kennel" }), Is.EquivalentTo(new[] { "Kennel", "Dog", "Person" }));
        Assert.That(ReloadScope.Classes(mapping, new HashSet<string> { "Person__tags" }), Is.EquivalentTo(new[] { "Person", "Dog" }));
        Assert.That(ReloadScope.Classes(mapping, new HashSet<string> { "Note" }), Is.EquivalentTo(new[] { "Note" }));
    }

    [Test]
    public void A_reload_row_is_an_insert_and_never_a_delete()
    {
        var row = DeltaRows.Row("Kennel", "I", Guid.Empty, new { city = "Oslo" });

        Assert.That(DeltaRows.Convert(DeltaRows.Converter(), "Kennel", DeltaPhase.Upserts, row).Single(), Is.TypeOf<InsertInstruction>());
        Assert.That(DeltaRows.Convert(DeltaRows.Converter(), "Kennel", DeltaPhase.Deletes, row), Is.Empty);
    }
}
