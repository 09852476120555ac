using Connector.Journal;

namespace Connector.Tests.Journal;

public class VersionOrderTests
{
    private static readonly JournalSegment First = new("/j/k/inbound/00000000000000000001.jsonl", "00000000000000000001.jsonl", 1);
    private static readonly JournalSegment Second = new("/j/k/inbound/00000000000000000010.jsonl", "00000000000000000010.jsonl", 10);

    private const string Fix = "Versions must increase strictly line by line and from segment to segment (ADAPTER-PROTOCOL.md section 4): fix the writer of this journal, or move the misplaced lines or segment out of it.";

    [Test]
    public void Strictly_increasing_versions_across_segments_pass()
    {
        var order = new VersionOrder();
        order.Check(First, 1, 1);
        order.Check(First, 2, 5);
        order.Check(Second, 1, 10);
        order.Check(Second, 3, 12);
        Assert.That(order.LastVersion, Is.EqualTo(12));
    }

    [Test]
    public void A_version_not_above_the_line_before_is_reported()
    {
        var order = new VersionOrder();
        order.Check(First, 1, 3);
        var e = Assert.Throws<JournalException>(() => order.Check(First, 2, 3));
        Assert.That(e!.Message, Is.EqualTo($"'{First.Path}' line 2: version 3 is not above version 3 on line 1. {Fix}"));
        Assert.That(e.ExitCode, Is.EqualTo(ExitCodes.BadInput));
    }

    [Test]
    public void A_version_below_the_segment_name_is_reported()
    {
        var e = Assert.Throws<JournalException>(() => new VersionOrder().Check(Second, 4, 9));
        Assert.That(e!.Message, Is.EqualTo($"'{Second.Path}' line 4: version 9 is below 10, the first version the segment's name '{Second.Name}' promises. {Fix}"));
    }

    [Test]
    public void A_segment_named_at_or_below_the_last_version_of_the_previous_one_is_reported()
    {
        var order = new VersionOrder();
        order.Check(First, 7, 10);
        var e = Assert.Throws<JournalException>(() => order.Check(Second, 1, 11));
        Assert.That(e!.Message, Is.EqualTo($"'{Second.Path}' line 1: version 11 is in a segment named for version 10, which is not above version 10 on line 7 of the previous segment '{First.Path}'. {Fix}"));
    }

    [Test]
    public void The_same_segment_read_again_after_resuming_is_not_a_new_segment()
    {
        var order = new VersionOrder();
        order.Check(Second, 1, 10);
        order.Check(Second with { }, 2, 11);
        Assert.That(order.LastVersion, Is.EqualTo(11));
    }
}
