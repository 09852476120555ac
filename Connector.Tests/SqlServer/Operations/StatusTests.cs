using Connector.Operations;
using Connector.SqlServer.Operations;

namespace Connector.Tests.SqlServer.Operations;

public class StatusTests
{
    [Test]
    public void The_report_prints_one_block_per_served_Realm_path()
    {
        var at = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var report = new StatusReport(
            [new(1, "/default", "dbo", "realm-first", 42, at), new(2, "/other", "dbo", "realm-first", null, null)],
            [new(1, "dbo", "Dog", 95, TimeSpan.FromMinutes(5), 100, 10), new(1, "dbo", "Person", 12, TimeSpan.FromHours(40), 100, 10), new(1, "dbo", "Toy", 5, TimeSpan.FromSeconds(30), 100, 10)],
            new Dictionary<int, (long, long)> { [1] = (3, 75) },
            new Dictionary<int, (long, DateTime)> { [1] = (2, at) },
            new Dictionary<int, (long, DateTime)>(),
            RetentionPeriod.FromCatalog(2, 3));
        using var output = new StringWriter();

        var warnings = StatusWriter.Write(report, ["/default"], 0.25, output);

        Assert.That(warnings, Is.EqualTo(3));
        Assert.That(output.ToString().ReplaceLineEndings("\n"), Is.EqualTo(
            "Realm path /default (schema dbo, realm-first)\n" +
            "  inbound cursor: version 42 (applied 2025-01-02 03:04:05Z)\n" +
            "  table [dbo].[Dog]: watermark 95, lag 5; advanced 00:05:00 ago; 1.23:55:00 of the 2 days retention left\n" +
            "  WARNING table [dbo].[Person]: watermark 12, lag 88; advanced 1.16:00:00 ago: 08:00:00 of the 2 days retention left, under 25 %; poll more often or raise the retention\n" +
            "  WARNING table [dbo].[Toy]: watermark 5, lag 95; watermark 5 is older than the minimum valid version 10: the next poll re-sends the table whole\n" +
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
