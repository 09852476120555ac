using System.Text;
using Connector.Journal;

namespace Connector.Tests.Journal;

public class InboundJournalReaderTests
{
    private const string Realm = "/0123abcd/private";

    private JournalDirectory journal = null!;
    private string inbound = null!;
    private List<JournalWarning> ignored = null!;

    [SetUp]
    public void SetUp()
    {
        journal = new JournalDirectory();
        inbound = journal.Inbound(Realm);
        ignored = [];
    }

    [TearDown]
    public void TearDown() => journal.Dispose();

    [Test]
    public async Task Lines_are_returned_whole_with_segment_offset_and_line_number()
    {
        Segment(1, "{\"v\":1}\n{\"v\":2}\n");
        var lines = await ReadAsync();
        Assert.That(lines.Select(Describe), Is.EqualTo(new[]
        {
            "00000000000000000001.jsonl@0#1 {\"v\":1}",
            "00000000000000000001.jsonl@8#2 {\"v\":2}",
        }));
    }

    [Test]
    public async Task Segments_are_read_in_file_name_order()
    {
        Segment(10, "ten\n");
        Segment(2, "two\n");
        Segment(100, "hundred\n");
        Assert.That((await ReadAsync()).Select(Text), Is.EqualTo(new[] { "two", "ten", "hundred" }));
    }

    [Test]
    public async Task A_torn_last_line_is_not_returned()
    {
        Segment(1, "one\ntw");
        Assert.That((await ReadAsync()).Select(Text), Is.EqualTo(new[] { "one" }));
    }

    [Test]
    public async Task A_torn_line_is_returned_once_complete_when_reading_resumes()
    {
        var path = Segment(1, "one\ntw");
        var first = await ReadAsync();
        JournalDirectory.Append(path, "o\nthree\n");
        var rest = await ReadAsync(first[^1].After);
        Assert.That(rest.Select(Describe), Is.EqualTo(new[]
        {
            "00000000000000000001.jsonl@4#2 two",
            "00000000000000000001.jsonl@8#3 three",
        }));
    }

    [Test]
    public async Task Resuming_skips_earlier_segments_and_continues_into_later_ones()
    {
        Segment(1, "a\nb\n");
        Segment(3, "c\n");
        var all = await ReadAsync();
        Assert.That((await ReadAsync(all[0].After)).Select(Text), Is.EqualTo(new[] { "b", "c" }));
        Assert.That((await ReadAsync(all[1].After)).Select(Text), Is.EqualTo(new[] { "c" }));
        Assert.That(await ReadAsync(all[2].After), Is.Empty);
    }

    [Test]
    public async Task Empty_segments_and_empty_lines_yield_nothing_but_lines_keep_their_numbers()
    {
        Segment(1, "");
        Segment(2, "\n\nx\n\n");
        Assert.That((await ReadAsync()).Select(Describe), Is.EqualTo(new[] { "00000000000000000002.jsonl@2#3 x" }));
    }

    [Test]
    public async Task An_absent_inbound_directory_has_no_lines()
    {
        Directory.Delete(inbound);
        Assert.That(await ReadAsync(), Is.Empty);
    }

    [Test]
    public async Task Files_that_are_not_segments_are_ignored_and_reported()
    {
        Segment(1, "one\n");
        foreach (var name in new[] { "42.jsonl", "00000000000000000002.json", "00000000000000000003.jsonl.tmp", "0000000000000000000x.jsonl", "00000000000000000000.jsonl", "99999999999999999999.jsonl" })
        {
            JournalDirectory.Write(Path.Combine(inbound, name), "stray\n");
        }
        Assert.That((await ReadAsync()).Select(Text), Is.EqualTo(new[] { "one" }));
        Assert.That(ignored.Select(w => Path.GetFileName(w.Path)), Is.EqualTo(new[]
        {
            "00000000000000000000.jsonl", "00000000000000000002.json", "00000000000000000003.jsonl.tmp",
            "0000000000000000000x.jsonl", "42.jsonl", "99999999999999999999.jsonl",
        }));
        Assert.That(ignored[0].Reason, Is.EqualTo($"not a segment: the version in the name is not between 1 and {long.MaxValue}; rename or remove it"));
    }

    [Test]
    public async Task A_line_larger_than_the_read_buffer_is_returned_whole()
    {
        var large = new string('x', 300_000);
        Segment(1, $"{large}\nsmall\n");
        Assert.That((await ReadAsync()).Select(l => l.Utf8.Length), Is.EqualTo(new[] { 300_000, 5 }));
    }

    [Test]
    public void A_line_over_the_limit_is_refused_with_its_segment_and_number()
    {
        var path = Segment(7, "ok\n" + new string('x', 11) + "\n");
        var reader = new InboundJournalReader(journal.Paths, maxLineBytes: 10);
        var e = Assert.ThrowsAsync<JournalException>(async () => await ToListAsync(reader.ReadAsync(Realm, null, CancellationToken.None)));
        Assert.That(e!.Message, Does.StartWith($"'{path}' line 2 is longer than 10 bytes;"));
    }

    [Test]
    public void Resuming_at_a_position_that_does_not_follow_a_line_end_is_refused()
    {
        var path = Segment(1, "abc\ndef\n");
        var e = Assert.ThrowsAsync<JournalException>(() => ReadAsync(new JournalPosition("00000000000000000001.jsonl", 2, 0)));
        Assert.That(e!.Message, Does.StartWith($"Cannot resume reading '{path}' at byte 2 (after line 0): that byte does not follow a line end."));
    }

    [Test]
    public void Resuming_past_the_end_of_a_segment_is_refused()
    {
        var path = Segment(1, "abc\n");
        var e = Assert.ThrowsAsync<JournalException>(() => ReadAsync(new JournalPosition("00000000000000000001.jsonl", 9, 1)));
        Assert.That(e!.Message, Does.StartWith($"Cannot resume reading '{path}' at byte 9: the segment is 4 bytes."));
    }

    [Test]
    public void A_segment_that_links_outside_the_root_is_refused()
    {
        var outside = Path.Combine(journal.Root, "secret.jsonl");
        JournalDirectory.Write(outside, "secret\n");
        var link = Path.Combine(inbound, SegmentName.Format(1));
        File.CreateSymbolicLink(link, outside);
        var e = Assert.ThrowsAsync<JournalException>(() => ReadAsync());
        Assert.That(e!.Message, Does.StartWith($"'{link}' is refused: '{link}' is a symbolic link to '{outside}', outside the journal root."));
    }

    private string Segment(long firstVersion, string text)
    {
        var path = Path.Combine(inbound, SegmentName.Format(firstVersion));
        JournalDirectory.Write(path, text);
        return path;
    }

    private Task<List<JournalLine>> ReadAsync(JournalPosition? after = null) =>
        ToListAsync(new InboundJournalReader(journal.Paths, ignored.Add).ReadAsync(Realm, after, CancellationToken.None));

    private static async Task<List<JournalLine>> ToListAsync(IAsyncEnumerable<JournalLine> lines)
    {
        var list = new List<JournalLine>();
        await foreach (var line in lines)
        {
            list.Add(line);
        }
        return list;
    }

    private static string Text(JournalLine line) => Encoding.UTF8.GetString(line.Utf8.Span);

    private static string Describe(JournalLine line) => $"{line.Segment.Name}@{line.Offset}#{line.LineNumber} {Text(line)}";
}
