using Connector.Operations;

namespace Connector.Tests.Operations;

public class StatusTests
{
    [Test]
    public void A_watermark_far_from_the_minimum_valid_version_has_headroom() =>
        Assert.That(RetentionHeadroom.Assess(90, 10, 100, 0.25), Is.EqualTo((HeadroomState.Ok, "80 version(s) above the minimum valid version 10")));

    [Test]
    public void A_watermark_in_the_oldest_fraction_warns()
    {
        var (state, text) = RetentionHeadroom.Assess(20, 10, 100, 0.25);

        Assert.That(state, Is.EqualTo(HeadroomState.Warning));
        Assert.That(text, Does.StartWith("watermark within the oldest 25"));
        Assert.That(text, Does.Contain("(10 of 90 above the minimum valid version 10)"));
    }

    [Test]
    public void A_watermark_below_the_minimum_valid_version_is_lost() =>
        Assert.That(RetentionHeadroom.Assess(5, 10, 100, 0.25).State, Is.EqualTo(HeadroomState.Lost));

    [Test]
    public void An_untracked_table_says_so() =>
        Assert.That(RetentionHeadroom.Assess(5, null, 100, 0.25).State, Is.EqualTo(HeadroomState.NotTracked));

    [Test]
    public void The_report_prints_one_block_per_served_Realm_path()
    {
        var at = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var report = new StatusReport(
            [new(1, "/default", "dbo", "realm-first", 42, at), new(2, "/other", "dbo", "realm-first", null, null)],
            [new(1, "dbo", "Dog", 95, 100, 10), new(1, "dbo", "Person", 12, 100, 10)],
            new Dictionary<int, (long, long)> { [1] = (3, 75) },
            new Dictionary<int, (long, DateTime)> { [1] = (2, at) },
            new Dictionary<int, (long, DateTime)>());
        using var output = new StringWriter();

        var warnings = StatusWriter.Write(report, ["/default"], 0.25, output);

        Assert.That(warnings, Is.EqualTo(2));
        Assert.That(output.ToString().ReplaceLineEndings("\n"), Is.EqualTo(
            "Realm path /default (schema dbo, realm-first)\n" +
            "  inbound cursor: version 42 (applied 2025-01-02 03:04:05Z)\n" +
            "  table [dbo].[Dog]: watermark 95, lag 5; 85 version(s) above the minimum valid version 10\n" +
            "  WARNING table [dbo].[Person]: watermark 12, lag 88; watermark within the oldest 25 % of the retained versions (2 of 90 above the minimum valid version 10); poll more often or raise the retention\n" +
            "  outbox: 3 unshipped, oldest 00:01:15 old\n" +
            "  WARNING dead letters: 2 (latest 2025-01-02 03:04:05Z); see realmsync.DeadLetter\n" +
            "  conflicts: none\n"));
    }

    [Test]
    public void The_journal_check_passes_on_a_writable_folder_and_fails_on_a_missing_one()
    {
        var folder = Directory.CreateTempSubdirectory("realm-sqlserver-journal-").FullName;
        try
        {
            Assert.That(JournalAccessCheck.Check(folder).Outcome, Is.EqualTo(CheckOutcome.Pass));
            Assert.That(Directory.GetFiles(folder), Is.Empty);
            var missing = JournalAccessCheck.Check(Path.Combine(folder, "absent"));
            Assert.That(missing.Line(), Does.StartWith($"[FAIL] journal: '{Path.Combine(folder, "absent")}' does not exist. Fix: create it"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
