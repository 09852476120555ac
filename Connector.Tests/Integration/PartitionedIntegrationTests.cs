using System.Globalization;
using Connector.Applier;
using Connector.Journal;
using Connector.Sql;
using Connector.SqlServer.Applier;
using Connector.SqlServer.Schema;
using Connector.SqlServer.Sql;
using Connector.Tests.Generators;
using Connector.Tests.Journal;
using Connector.Tests.Model;
using Connector.Tests.Postgres.EndToEnd;
using Connector.Tests.SchemaGeneration;
using Microsoft.Extensions.Logging.Abstractions;
using static Connector.Tests.Integration.Instructions;
using static Connector.Tests.Integration.PartitionedWorld;

namespace Connector.Tests.Integration;

/// <summary>
/// Tier 3 for partitioned mappings on SQL Server (issue 12): the small schema deployed by the real deploy.sql of
/// <c>bootstrap --realm-path-pattern</c>, many Realm paths applied through the inbound runner into ONE set of tables,
/// each path registering with its first transaction. Skipped, with the reason, when there is no SQL Server.
/// </summary>
[Category("Integration")]
[CancelAfter(600_000)]
public class PartitionedIntegrationTests
{
    [Test]
    public async Task Two_paths_with_the_same_primary_keys_each_keep_their_own_rows_and_a_clear_in_one_leaves_the_other(CancellationToken cancellationToken)
    {
        await using var world = await PartitionedWorld.StartAsync(Pattern, cancellationToken);
        world.Append(UserA, 1, InsertPerson(Ann, "Ann of A"), InsertDog("rex", $$""", "owner": {{Ann}}"""), List("LIST_INSERT", Ann, 0, "rex"));
        world.Append(UserB, 1, InsertPerson(Ann, "Ann of B"), InsertDog("rex"), InsertDog("fido"));
        var applier = world.Applier();

        var a = await applier.RunOnceAsync(UserA, cancellationToken);
        var b = await applier.RunOnceAsync(UserB, cancellationToken);

        Assert.That((a.Status, a.Applied, a.Cursor, b.Status, b.Applied, b.Cursor), Is.EqualTo((InboundRunStatus.CaughtUp, 1, 1L, InboundRunStatus.CaughtUp, 1, 1L)));
        Assert.That(await world.Database.QueryAsync(
            "SELECT r.[RealmPath], r.[MappingMode], p.[RealmPath], c.[Version] FROM [realmsync].[MappedRealm] AS r JOIN [realmsync].[MappedRealm] AS p ON p.[RealmId] = r.[PartitionOf] " +
            "JOIN [realmsync].[InboundCursor] AS c ON c.[RealmId] = r.[RealmId] ORDER BY r.[RealmPath]", cancellationToken),
            Is.EqualTo(new[] { new object?[] { UserA, "partition", Pattern, 1L }, new object?[] { UserB, "partition", Pattern, 1L } }));
        Assert.That(await world.StateAsync(UserA, cancellationToken), Is.EqualTo(await PartitionedWorld.ExpectedAsync(cancellationToken,
            InsertPerson(Ann, "Ann of A"), InsertDog("rex", $$""", "owner": {{Ann}}"""), List("LIST_INSERT", Ann, 0, "rex"))));
        Assert.That(await world.StateAsync(UserB, cancellationToken), Is.EqualTo(await PartitionedWorld.ExpectedAsync(cancellationToken,
            InsertPerson(Ann, "Ann of B"), InsertDog("rex"), InsertDog("fido"))));

        world.Append(UserB, 2, Clear("Dog"), Clear("Person"));
        var cleared = await applier.RunOnceAsync(UserB, cancellationToken);

        Assert.That((cleared.Status, cleared.Applied), Is.EqualTo((InboundRunStatus.CaughtUp, 1)));
        Assert.That(await world.StateAsync(UserB, cancellationToken), Is.EqualTo(await PartitionedWorld.ExpectedAsync(cancellationToken)));
        Assert.That(await world.StateAsync(UserA, cancellationToken), Is.EqualTo(await PartitionedWorld.ExpectedAsync(cancellationToken,
            InsertPerson(Ann, "Ann of A"), InsertDog("rex", $$""", "owner": {{Ann}}"""), List("LIST_INSERT", Ann, 0, "rex"))));
    }

    [Test]
    public async Task A_path_no_pattern_matches_is_refused_by_name_and_its_journal_is_left_untouched(CancellationToken cancellationToken)
    {
        await using var world = await PartitionedWorld.StartAsync(Pattern, cancellationToken);
        const string stranger = "/0a/public";
        var segment = world.Append(stranger, 1, InsertDog("rex"));
        var before = await File.ReadAllBytesAsync(segment, cancellationToken);

        var result = await world.Applier().RunOnceAsync(stranger, cancellationToken);

        Assert.That((result.Status, result.Applied), Is.EqualTo((InboundRunStatus.Stopped, 0)));
        Assert.That(result.Reason, Does.Contain("'/0a/public'").And.Contain("no partitioned mapping's pattern matches it"));
        Assert.That(await File.ReadAllBytesAsync(segment, cancellationToken), Is.EqualTo(before));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(segment)!), Is.EqualTo(new[] { segment }));
        Assert.That(await world.Database.ScalarAsync("SELECT COUNT(*) FROM [realmsync].[MappedRealm] AS r WHERE r.[MappingMode] = 'partition'", cancellationToken), Is.EqualTo(0));
    }

    [Test]
    public async Task A_row_written_through_a_per_realm_view_carries_the_connectors_change_context(CancellationToken cancellationToken)
    {
        await using var world = await PartitionedWorld.StartAsync(Pattern, cancellationToken);
        world.Append(UserA, 1, InsertDog("rex"));

        var result = await world.Applier().RunOnceAsync(UserA, cancellationToken);

        Assert.That(result.Applied, Is.EqualTo(1));
        var contexts = await world.Database.QueryAsync(
            "SELECT ct.[SYS_CHANGE_CONTEXT] FROM CHANGETABLE(CHANGES [app].[Dog], 0) AS ct " +
            "JOIN [realmsync].[MappedRealm] AS r ON r.[RealmId] = ct.[_realm_id] WHERE r.[RealmPath] = N'/0a/private' AND ct.[name] = N'rex'", cancellationToken);
        Assert.That(contexts, Is.EqualTo(new[] { new object?[] { ChangeTrackingContext.Value.ToArray() } }));
    }

    [Test]
    public async Task Random_streams_of_20_paths_in_shared_tables_each_equal_their_own_model(CancellationToken cancellationToken)
    {
        var runner = new PartitionedSqlServerRunner(SqlServerFixture.Require());
        runner.Check(
            ValidStreams.Partitioned(ModelOptions.SqlServer, [.. Enumerable.Range(1, 20).Select(i => string.Create(CultureInfo.InvariantCulture, $"/{i * 7919:x6}/private"))]),
            streams => runner.RunAsync(streams, cancellationToken),
            ciDefault: 2,
            print: streams => string.Join("\n", streams.Select(s => s.ToString())));
    }
}
