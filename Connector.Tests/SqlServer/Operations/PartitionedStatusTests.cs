using System.Text;
using Connector.Operations;
using Connector.Partitioning;
using Connector.SchemaGeneration;
using Connector.SqlServer.Operations;
using Connector.SqlServer.Schema;
using Connector.SqlServer.Sql;
using Connector.Tests.SchemaGeneration;

namespace Connector.Tests.SqlServer.Operations;

/// <summary>
/// <c>status</c> and <c>doctor</c> on SQL Server for a partitioned mapping (issue 12): one block per mapping that sums its
/// registered paths instead of listing them, the mapping's own watermarks, and a warning for the rows of no registered
/// Realm, worded as on PostgreSQL (<see cref="UnroutedRows"/>).
/// </summary>
public class PartitionedStatusTests
{
    private const string Pattern = "^/([0-9a-f]+)/private$";
    private static readonly DateTime At = new(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    // /default on its own; the mapping (row 10) with three registered paths, of which two applied something.
    private static StatusReport Report(IReadOnlyList<(string Table, long Rows)> unrouted) => new(
        [
            new(1, "/default", "dbo", "realm-first", 42, At),
            new(10, Pattern, "app", MappedSchemas.Partitioned, null, null),
            new(11, "/0a/private", "app", "partition", 5, At.AddMinutes(-1), 10),
            new(12, "/0b/private", "app", "partition", 7, At, 10),
            new(13, "/0c/private", "app", "partition", null, null, 10),
        ],
        [new(10, "app", "Dog", 95, TimeSpan.FromMinutes(5), 100, 10)],
        new Dictionary<int, (long, long)> { [11] = (3, 75), [12] = (1, 300) },
        new Dictionary<int, (long, DateTime)> { [12] = (2, At), [13] = (1, At.AddHours(-1)) },
        new Dictionary<int, (long, DateTime)>(),
        RetentionPeriod.FromCatalog(2, 3))
    {
        Partitioned = [new(10, Pattern, "app", 3, unrouted)],
    };

    [Test]
    public void A_partitioned_mapping_is_one_block_summing_its_paths_and_warning_of_rows_of_no_registered_realm()
    {
        using var output = new StringWriter();

        var warnings = StatusWriter.Write(Report([("[app].[Dog]", 3), ("[app].[Person__dogs]", 1)]), [], 0.25, output);

        Assert.That(warnings, Is.EqualTo(2), "the dead letters and the rows of no registered Realm");
        var text = output.ToString().ReplaceLineEndings("\n");
        Assert.That(text, Does.Not.Contain("/0a/private"), "registered paths are summed, not listed");
        Assert.That(text[text.IndexOf("Partitioned mapping", StringComparison.Ordinal)..], Is.EqualTo(
            $"Partitioned mapping '{Pattern}' (schema app, views app_realm): 3 Realm path(s) registered\n" +
            "  inbound cursors: versions summing to 12 over 2 path(s) (latest applied 2025-01-02 03:04:05Z); 1 path(s) with nothing applied yet\n" +
            "  table [app].[Dog]: watermark 95, lag 5; advanced 00:05:00 ago; 1.23:55:00 of the 2 days retention left\n" +
            "  outbox: 4 unshipped over 2 path(s), oldest 00:05:00 old\n" +
            "  WARNING dead letters: 3 over 2 path(s) (latest 2025-01-02 03:04:05Z); see realmsync.DeadLetter\n" +
            "  conflicts: none\n" +
            "  WARNING 4 row(s) whose _realm_id is no registered Realm ([app].[Dog]: 3, [app].[Person__dogs]: 1): they are not sent to any Realm; " +
            "give each the RealmId of its Realm, or delete it (a Realm that registers with that id later receives them)\n"));
        Assert.That(text, Does.StartWith("Realm path /default (schema dbo, realm-first)\n  inbound cursor: version 42"));
    }

    [Test]
    public void Without_rows_of_no_registered_realm_the_block_has_no_warning_of_them()
    {
        using var output = new StringWriter();

        var warnings = StatusWriter.Write(Report([]), [], 0.25, output);

        Assert.That(warnings, Is.EqualTo(1), "the dead letters only");
        Assert.That(output.ToString(), Does.Not.Contain("no registered Realm"));
    }

    [TestCase("/0b/private", "3 Realm path(s) registered, 1 of them in Realm.RealmPaths (the figures below are theirs)", "  outbox: 1 unshipped over 1 path(s), oldest 00:05:00 old")]
    [TestCase("/0d/private", "3 Realm path(s) registered, 0 of them in Realm.RealmPaths (the figures below are theirs)", "  outbox: nothing unshipped")]
    public void With_realm_paths_configured_the_block_sums_the_served_paths_of_a_mapping_that_serves_one(string served, string registered, string outbox)
    {
        using var output = new StringWriter();

        StatusWriter.Write(Report([]), [served], 0.25, output);

        var lines = output.ToString().ReplaceLineEndings("\n").Split('\n');
        Assert.That(lines[0], Is.EqualTo($"Partitioned mapping '{Pattern}' (schema app, views app_realm): {registered}"), "/0d/private matches the pattern: it registers with its first transaction");
        Assert.That(lines, Does.Contain(outbox).And.None.StartsWith("Realm path /default"));
    }

    [Test]
    public void A_served_path_no_mapping_serves_prints_that_nothing_matches()
    {
        using var output = new StringWriter();

        StatusWriter.Write(Report([]), ["/elsewhere"], 0.25, output);

        Assert.That(output.ToString().ReplaceLineEndings("\n"), Is.EqualTo("No mapped Realm path matches RealmSqlServer:Realm:RealmPaths.\n"));
    }

    [Test]
    public void Doctor_warns_of_rows_of_no_registered_realm_naming_the_catalog_table_of_the_database()
    {
        var warn = UnroutedRows.Check(Pattern, 3, [("[app].[Dog]", 2)], "[realmsync].[MappedRealm]");
        var pass = UnroutedRows.Check(Pattern, 3, [], "[realmsync].[MappedRealm]");

        Assert.That(warn.Outcome, Is.EqualTo(CheckOutcome.Warn));
        Assert.That(warn.Line(), Is.EqualTo(
            $"[warn] partitioned mapping '{Pattern}': 3 Realm path(s) registered; 2 row(s) whose _realm_id is no registered Realm ([app].[Dog]: 2): they are not sent to any Realm. " +
            "Fix: give each row the RealmId of its Realm ([realmsync].[MappedRealm], mode 'partition'), or delete it; a Realm that registers with that id later receives it."));
        Assert.That(pass.Line(), Is.EqualTo($"[ok] partitioned mapping '{Pattern}': 3 Realm path(s) registered; every row belongs to one of them."));
    }

    [Test]
    public async Task Doctor_has_no_partitioned_line_before_catalog_version_2()
    {
        var state = new DatabaseState("s", "d", "l", true, null, true, 1);

        Assert.That(await PartitionReport.CheckAsync(null!, state, CancellationToken.None), Is.Empty);
    }

    [Test]
    public void The_count_of_rows_of_no_registered_realm_validates_inside_the_partitioned_model_and_names_every_table()
    {
        var mapping = SchemaMapper.Map(SchemaCorpus.Load("Connector.Tests/SchemaGeneration/Corpus", "small.json"), Pattern, "app", previous: null, pathPattern: Pattern);
        var query = OperationsSql.UnroutedRows(mapping.SqlSchema, [.. mapping.Tables.Select(t => t.Name)]);
        using var model = SqlModelBuilder.Build(mapping);
        model.AddObjects(new StringBuilder("CREATE PROCEDURE [realmsync].[check_unrouted] @realmId int\nAS\nBEGIN\n").Append(query.Sql).Append("\nEND\n").ToString());

        Assert.That(TSqlScriptParser.Errors(query.Sql), Is.Empty);
        Assert.That(model.Validate().Select(m => $"{m.MessageType} SQL{m.Number}: {m.Message}"), Is.Empty);
        Assert.That(query.Parameters, Is.EqualTo(new[] { ("@realmId", "int") }));
        Assert.That(query.Sql, Does.StartWith("SELECT 0 AS [Ordinal], COUNT_BIG(*) AS [Rows] FROM [app].[Person] AS t\n" +
            "WHERE NOT EXISTS (SELECT 1 FROM [realmsync].[MappedRealm] AS r WHERE r.[RealmId] = t.[_realm_id] AND r.[PartitionOf] = @realmId)\nUNION ALL\n"));
        Assert.That(mapping.Tables.Select(t => t.Name), Is.EqualTo(new[] { "Person", "Dog", "Person__dogs", "Person__tags" }));
        Assert.That(mapping.Tables.Select((t, i) => query.Sql.Contains($"SELECT {i} AS [Ordinal], COUNT_BIG(*) AS [Rows] FROM {SqlIdentifier.Quote("app", t.Name)} AS t", StringComparison.Ordinal)), Is.All.True);
    }
}
