using Connector.Postgres;

namespace Connector.Tests.Postgres.Capture;

/// <summary>Which decoded transactions a capture pass's snapshot sees, across xid epochs (PostgreSQL's widen_snapshot_xid).</summary>
[TestFixture]
public sealed class PgSnapshotTests
{
    private const ulong Epoch = 0x1_0000_0000UL;

    [TestCase(0UL, 5u, true, TestName = "epoch 0: below xmin")]
    [TestCase(0UL, 12u, true, TestName = "epoch 0: between xmin and xmax, not in progress")]
    [TestCase(0UL, 11u, false, TestName = "epoch 0: in progress")]
    [TestCase(0UL, 20u, false, TestName = "epoch 0: at or after xmax")]
    [TestCase(1UL, 5u, true, TestName = "epoch 1: below xmin")]
    [TestCase(1UL, 20u, false, TestName = "epoch 1: after xmax is not the previous epoch")]
    [TestCase(1UL, 11u, false, TestName = "epoch 1: in progress")]
    public void A_transaction_is_visible_only_when_it_completed_before_the_snapshot(ulong epoch, uint xid, bool visible)
    {
        var snapshot = PgSnapshot.Parse($"{(epoch * Epoch) + 10}:{(epoch * Epoch) + 15}:{(epoch * Epoch) + 11}");
        Assert.That(snapshot.Sees(xid), Is.EqualTo(visible));
    }

    [Test]
    public void A_recent_xid_of_the_previous_epoch_is_placed_there()
    {
        var snapshot = PgSnapshot.Parse($"{Epoch + 3}:{Epoch + 5}:");
        Assert.That((snapshot.Sees(uint.MaxValue), snapshot.Sees(4u), snapshot.Sees(5u)), Is.EqualTo((true, true, false)));
    }
}
