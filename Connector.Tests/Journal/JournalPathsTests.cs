using Connector.Journal;

namespace Connector.Tests.Journal;

public class JournalPathsTests
{
    private JournalDirectory journal = null!;
    private JournalPaths paths = null!;

    [SetUp]
    public void SetUp()
    {
        journal = new JournalDirectory();
        paths = journal.Paths;
        Directory.CreateDirectory(paths.Root);
    }

    [TearDown]
    public void TearDown() => journal.Dispose();

    [Test]
    public void Inbound_and_outbound_live_under_the_realm_key()
    {
        Assert.That(paths.InboundDirectory("/0123abcd/private"), Is.EqualTo(Path.Combine(paths.Root, "%2F0123abcd%2Fprivate", "inbound")));
        Assert.That(paths.OutboundDirectory("/0123abcd/private"), Is.EqualTo(Path.Combine(paths.Root, "%2F0123abcd%2Fprivate", "outbound")));
    }

    [TestCase("..", "%2E.")]
    [TestCase("/..", "%2F..")]
    [TestCase("/../../etc", "%2F..%2F..%2Fetc")]
    public void Realm_paths_that_look_like_escapes_stay_one_segment_inside_the_root(string realmPath, string key) =>
        Assert.That(paths.RealmDirectory(realmPath), Is.EqualTo(Path.Combine(paths.Root, key)));

    [Test]
    public void Segment_names_are_the_first_version_in_20_digits() =>
        Assert.That(SegmentName.Format(42), Is.EqualTo("00000000000000000042.jsonl"));

    [TestCase("..")]
    [TestCase("%2E%2E")]
    [TestCase("../outside")]
    [TestCase("/etc")]
    [TestCase("a/../..")]
    public void A_key_that_is_not_canonical_is_refused(string key)
    {
        var e = Assert.Throws<JournalException>(() => paths.KeyDirectory(key));
        Assert.That(e!.Message, Does.StartWith($"'{key}' is not a realm key: "));
    }

    [Test]
    public void A_path_outside_the_root_is_refused()
    {
        var outside = Path.Combine(paths.Root, "..", "elsewhere");
        var e = Assert.Throws<JournalException>(() => paths.EnsureInside(outside));
        Assert.That(e!.Message, Is.EqualTo($"'{outside}' is refused: it is outside the journal root. The journal may only use paths inside realm.journalPath ('{paths.Root}'); remove the offending name or link."));
    }

    [Test]
    public void A_realm_directory_that_links_outside_the_root_is_refused()
    {
        var outside = Directory.CreateDirectory(Path.Combine(journal.Root, "outside")).FullName;
        var link = Path.Combine(paths.Root, "%2Fr");
        Directory.CreateSymbolicLink(link, outside);
        var e = Assert.Throws<JournalException>(() => paths.InboundDirectory("/r"));
        Assert.That(e!.Message, Does.StartWith($"'{link}' is refused: '{link}' is a symbolic link to '{outside}', outside the journal root."));
    }

    [Test]
    public void A_link_that_stays_inside_the_root_is_followed()
    {
        var target = Directory.CreateDirectory(Path.Combine(paths.Root, "%2Fa")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(paths.Root, "%2Fb"), target);
        Assert.That(paths.InboundDirectory("/b"), Is.EqualTo(Path.Combine(paths.Root, "%2Fb", "inbound")));
    }

    [Test]
    public void A_key_too_long_for_a_file_name_is_refused_with_the_reason()
    {
        var e = Assert.Throws<JournalException>(() => paths.RealmDirectory(new string('/', 86)));
        Assert.That(e!.Message, Does.Contain("makes a realm key of 258 characters; a file system holds at most 255 in one name"));
    }

    [Test]
    public void Listing_returns_the_realm_paths_of_key_directories_and_reports_the_rest()
    {
        Directory.CreateDirectory(Path.Combine(paths.Root, "%2Fb"));
        Directory.CreateDirectory(Path.Combine(paths.Root, "%2Fa"));
        Directory.CreateDirectory(Path.Combine(paths.Root, "%2E%2E"));
        Directory.CreateDirectory(Path.Combine(paths.Root, "lower%2f"));
        JournalDirectory.Write(Path.Combine(paths.Root, "notes.txt"), "");
        Directory.CreateSymbolicLink(Path.Combine(paths.Root, "%2Fevil"), journal.Root);

        var listing = paths.ListRealms();

        Assert.That(listing.RealmPaths, Is.EqualTo(new[] { "/a", "/b" }));
        Assert.That(listing.Ignored.Select(w => Path.GetFileName(w.Path)), Is.EqualTo(new[] { "%2E%2E", "%2Fevil", "lower%2f", "notes.txt" }));
        Assert.That(listing.Ignored[1].Reason, Does.EndWith("outside the journal root"));
    }

    [Test]
    public void Listing_an_absent_root_finds_nothing() =>
        Assert.That(new JournalPaths(Path.Combine(journal.Root, "absent")).ListRealms().RealmPaths, Is.Empty);
}
