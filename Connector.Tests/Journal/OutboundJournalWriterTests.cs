using System.Text;
using Connector.Journal;

namespace Connector.Tests.Journal;

public class OutboundJournalWriterTests
{
    private const string Realm = "/0123abcd/private";

    private JournalDirectory journal = null!;
    private JournalPaths paths = null!;
    private string outbound = null!;

    [SetUp]
    public void SetUp()
    {
        journal = new JournalDirectory();
        paths = journal.Paths;
        outbound = paths.OutboundDirectory(Realm);
    }

    [TearDown]
    public void TearDown() => journal.Dispose();

    [Test]
    public async Task Lines_are_on_disk_with_their_line_ends_when_append_returns()
    {
        await using var writer = await OpenAsync();
        Assert.That(await writer.AppendAsync([Line(1, "{\"a\":1}"), Line(2, "{\"b\":2}")], CancellationToken.None), Is.EqualTo(2));
        Assert.That(Segments(), Is.EqualTo(new[] { "00000000000000000001.jsonl:{\"a\":1}\n{\"b\":2}\n" }));
        Assert.That(writer.LastVersion, Is.EqualTo(2));
    }

    [Test]
    public async Task A_new_segment_named_for_its_first_version_starts_once_the_current_one_reaches_the_size()
    {
        await using var writer = await OpenAsync(maxSegmentBytes: 8);
        await writer.AppendAsync([Line(3, "abcd"), Line(4, "efgh"), Line(5, "ij")], CancellationToken.None);
        await writer.AppendAsync([Line(9, "kl")], CancellationToken.None);
        Assert.That(Segments(), Is.EqualTo(new[]
        {
            "00000000000000000003.jsonl:abcd\nefgh\n",
            "00000000000000000005.jsonl:ij\nkl\n",
        }));
    }

    [Test]
    public async Task On_opening_a_torn_last_line_is_cut_before_appending()
    {
        Directory.CreateDirectory(outbound);
        JournalDirectory.Write(Path.Combine(outbound, SegmentName.Format(1)), "one\ntwo-torn");
        await using var writer = await OpenAsync();
        await writer.AppendAsync([Line(2, "two")], CancellationToken.None);
        Assert.That(writer.RepairedBytes, Is.EqualTo(8));
        Assert.That(Segments(), Is.EqualTo(new[] { "00000000000000000001.jsonl:one\ntwo\n" }));
    }

    [Test]
    public async Task A_latest_segment_holding_only_a_torn_line_is_removed()
    {
        Directory.CreateDirectory(outbound);
        JournalDirectory.Write(Path.Combine(outbound, SegmentName.Format(1)), "one\n");
        JournalDirectory.Write(Path.Combine(outbound, SegmentName.Format(5)), "five-torn");
        await using var writer = await OpenAsync();
        await writer.AppendAsync([Line(2, "two")], CancellationToken.None);
        Assert.That(Segments(), Is.EqualTo(new[] { "00000000000000000001.jsonl:one\ntwo\n" }));
    }

    [Test]
    public async Task After_a_restart_versions_already_written_are_skipped()
    {
        await using (var first = await OpenAsync())
        {
            await first.AppendAsync([Line(1, "one"), Line(2, "two")], CancellationToken.None);
        }
        await using var writer = await OpenAsync();
        Assert.That(writer.LastVersion, Is.EqualTo(2));
        Assert.That(await writer.AppendAsync([Line(2, "two"), Line(3, "three")], CancellationToken.None), Is.EqualTo(1));
        Assert.That(Segments(), Is.EqualTo(new[] { "00000000000000000001.jsonl:one\ntwo\nthree\n" }));
    }

    [Test]
    public async Task A_line_containing_a_line_end_is_refused_and_nothing_is_written()
    {
        await using var writer = await OpenAsync();
        var e = Assert.ThrowsAsync<ArgumentException>(() => writer.AppendAsync([Line(1, "ok"), Line(2, "two\nlines")], CancellationToken.None));
        Assert.That(e!.Message, Does.StartWith("Transaction 1 (version 2) is more than one line: it contains '\\n'; a journal line is one whole JSON transaction."));
        Assert.That(Segments(), Is.Empty);
    }

    [Test]
    public async Task An_empty_line_is_refused()
    {
        await using var writer = await OpenAsync();
        var e = Assert.ThrowsAsync<ArgumentException>(() => writer.AppendAsync([Line(1, "")], CancellationToken.None));
        Assert.That(e!.Message, Does.StartWith("Transaction 0 (version 1) is empty;"));
    }

    [Test]
    public async Task Versions_that_do_not_increase_within_a_batch_are_refused()
    {
        await using var writer = await OpenAsync();
        var e = Assert.ThrowsAsync<ArgumentException>(() => writer.AppendAsync([Line(5, "a"), Line(5, "b")], CancellationToken.None));
        Assert.That(e!.Message, Does.StartWith("Transaction 1 has version 5, not above version 5 before it; versions must increase strictly."));
        Assert.That(Segments(), Is.Empty);
    }

    [Test]
    public async Task A_corrupt_last_version_file_is_refused_with_the_fix()
    {
        var sidecar = Path.Combine(paths.RealmDirectory(Realm), OutboundJournalWriter.LastVersionFileName);
        Directory.CreateDirectory(outbound);
        JournalDirectory.Write(sidecar, "forty-two");
        var e = Assert.ThrowsAsync<JournalException>(() => OpenAsync());
        Assert.That(e!.Message, Is.EqualTo($"'{sidecar}' should hold the last outbound version written (a positive integer) but holds 'forty-two'. Delete it: the outbox then re-ships, and the Realm side drops what it already has by version."));
    }

    [Test]
    public async Task Written_segments_list_as_segments_and_the_sidecar_stays_out_of_outbound()
    {
        await using (var writer = await OpenAsync(maxSegmentBytes: 4))
        {
            await writer.AppendAsync([Line(1, "one"), Line(2, "two"), Line(3, "three")], CancellationToken.None);
        }
        var listing = paths.ListSegments(outbound);
        Assert.That(listing.Segments.Select(s => s.FirstVersion), Is.EqualTo(new long[] { 1, 2, 3 }));
        Assert.That(listing.Ignored, Is.Empty);
    }

    private Task<OutboundJournalWriter> OpenAsync(long maxSegmentBytes = OutboundJournalWriter.DefaultMaxSegmentBytes) =>
        OutboundJournalWriter.OpenAsync(paths, Realm, maxSegmentBytes, CancellationToken.None);

    private static EncodedTransaction Line(long version, string json) => new(version, Encoding.UTF8.GetBytes(json));

    private string[] Segments() =>
        Directory.Exists(outbound)
            ? Directory.GetFiles(outbound).Order(StringComparer.Ordinal)
                .Select(path => $"{Path.GetFileName(path)}:{Encoding.UTF8.GetString(ReadShared(path))}").ToArray()
            : [];

    // The writer keeps its segment open; read it the way a consumer would, alongside.
    private static byte[] ReadShared(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        return copy.ToArray();
    }
}
