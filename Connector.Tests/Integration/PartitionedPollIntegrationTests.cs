using System.Globalization;
using Connector.Adapter;
using static Connector.Tests.Integration.Instructions;
using static Connector.Tests.Integration.PartitionedWorld;

namespace Connector.Tests.Integration;

/// <summary>
/// Tier 3, SQL Server to Realm for a partitioned mapping (issue 12): plain SQL writes to the shared tables go, through
/// the mapping's one poll pass, each to the Realm its <c>_realm_id</c> names, as that path's own outbound sequence; a
/// row moved between Realms leaves one and enters the other; a row of no registered Realm is reported and not sent;
/// <c>resend</c> re-sends one path; a conflict is judged and recorded for the Realm whose row it is. Skipped, with the
/// reason, when there is no SQL Server.
/// </summary>
[Category("Integration")]
[CancelAfter(600_000)]
public class PartitionedPollIntegrationTests
{
    [Test]
    public async Task Sql_changes_go_each_to_the_realm_its_row_names_and_a_moved_row_leaves_one_realm_for_the_other(CancellationToken cancellationToken)
    {
        await using var world = await StartAsync(cancellationToken);
        var (a, b) = (await world.RealmIdAsync(UserA, cancellationToken), await world.RealmIdAsync(UserB, cancellationToken));

        var first = await world.PollAsync(cancellationToken);
        await world.ShipAsync(cancellationToken);

        Assert.That(first.Warnings, Has.Some.Contains("2 Realm path(s) sent whole for the first time ('/0a/private', '/0b/private')"));
        Assert.That(Inserts(world, UserA), Is.EqualTo(new[] { "INSERT Dog fido", "INSERT Dog rex" }));
        Assert.That(Inserts(world, UserB), Is.EqualTo(new[] { "INSERT Dog rex" }));
        var (sentA, sentB) = (world.Outbound(UserA).Count, world.Outbound(UserB).Count);

        await world.ExecuteAsync(string.Create(CultureInfo.InvariantCulture,
            $"UPDATE [app].[Dog] SET [born] = '1970-01-02' WHERE [_realm_id] = {a} AND [name] = N'rex'; INSERT INTO [app].[Dog] ([_realm_id], [name]) VALUES ({b}, N'max');"), cancellationToken);
        var routed = await world.PollAsync(cancellationToken);
        await world.ShipAsync(cancellationToken);

        Assert.That(routed.Transactions, Is.EqualTo(2));
        Assert.That(routed.Warnings, Is.Empty);
        Assert.That(Lines(world.Outbound(UserA).Skip(sentA)), Is.EqualTo(new[] { "SET Dog rex" }));
        Assert.That(Lines(world.Outbound(UserB).Skip(sentB)), Is.EqualTo(new[] { "INSERT Dog max" }));

        await world.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"UPDATE [app].[Dog] SET [_realm_id] = {b} WHERE [_realm_id] = {a} AND [name] = N'fido';"), cancellationToken);
        await world.PollAsync(cancellationToken);
        await world.ShipAsync(cancellationToken);

        Assert.That(Lines(world.Outbound(UserA).Skip(sentA + 1)), Is.EqualTo(new[] { "DELETE Dog fido" }));
        Assert.That(Lines(world.Outbound(UserB).Skip(sentB + 1)), Is.EqualTo(new[] { "INSERT Dog fido" }));
        Assert.That(await world.Database.QueryAsync("SELECT [_realm_id], [name] FROM [app].[Dog] ORDER BY [_realm_id], [name]", cancellationToken), Is.EqualTo(new[]
        {
            new object?[] { a, "rex" }, new object?[] { b, "fido" }, new object?[] { b, "max" }, new object?[] { b, "rex" },
        }));
    }

    [Test]
    public async Task A_row_of_no_registered_realm_is_reported_and_sent_to_no_one(CancellationToken cancellationToken)
    {
        await using var world = await StartAsync(cancellationToken);
        await world.PollAsync(cancellationToken);
        await world.ShipAsync(cancellationToken);
        var before = (world.Outbound(UserA).Count, world.Outbound(UserB).Count);

        await world.ExecuteAsync("INSERT INTO [app].[Dog] ([_realm_id], [name]) VALUES (424242, N'ghost');", cancellationToken);
        var pass = await world.PollAsync(cancellationToken);
        await world.ShipAsync(cancellationToken);

        Assert.That(pass.Transactions, Is.Zero);
        Assert.That(pass.Warnings, Is.EqualTo(new[]
        {
            $"partitioned mapping '{Pattern}': rows changed in SQL whose _realm_id ('424242') is no registered Realm of the mapping were not sent; " +
            "they stay in the tables and go out if a Realm with that id registers (status counts them)",
        }));
        Assert.That((world.Outbound(UserA).Count, world.Outbound(UserB).Count), Is.EqualTo(before));
        Assert.That(await world.Database.ScalarAsync("SELECT COUNT(*) FROM [app].[Dog] WHERE [_realm_id] = 424242", cancellationToken), Is.EqualTo(1));
    }

    [Test]
    public async Task Resend_of_one_path_re_sends_its_rows_only(CancellationToken cancellationToken)
    {
        await using var world = await StartAsync(cancellationToken);
        await world.PollAsync(cancellationToken);
        await world.ShipAsync(cancellationToken);
        var (sentA, sentB) = (world.Outbound(UserA).Count, world.Outbound(UserB).Count);

        var resend = await world.ResendAsync(UserA, cancellationToken, "Dog");
        await world.ShipAsync(cancellationToken);

        Assert.That(resend.RealmPath, Is.EqualTo(UserA));
        Assert.That(Lines(world.Outbound(UserA).Skip(sentA)).Where(l => l.Contains(" Dog", StringComparison.Ordinal)),
            Is.EqualTo(new[] { "CLEAR Dog", "INSERT Dog fido", "INSERT Dog rex" }));
        Assert.That(world.Outbound(UserB), Has.Count.EqualTo(sentB));
        Assert.ThrowsAsync<ConnectorException>(() => world.ResendAsync(Pattern, cancellationToken));
    }

    [Test]
    public async Task A_conflict_is_judged_for_the_realm_whose_row_sql_changed_and_recorded_under_its_path(CancellationToken cancellationToken)
    {
        await using var world = await StartAsync(cancellationToken);
        await world.PollAsync(cancellationToken);
        var (a, b) = (await world.RealmIdAsync(UserA, cancellationToken), await world.RealmIdAsync(UserB, cancellationToken));
        await world.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"UPDATE [app].[Dog] SET [born] = '1970-01-02' WHERE [_realm_id] = {a} AND [name] = N'rex';"), cancellationToken);

        world.Append(UserA, 2, Set("Dog", "\"rex\"", """{"born": null}"""));
        world.Append(UserB, 2, Set("Dog", "\"rex\"", """{"born": null}"""));
        var applier = world.Applier();
        var appliedA = await applier.RunOnceAsync(UserA, cancellationToken);
        var appliedB = await applier.RunOnceAsync(UserB, cancellationToken);

        // sql-wins (the default): A's change to the row SQL changed is dropped and recorded; B's same key is B's own row.
        Assert.That((appliedA.Applied, appliedB.Applied), Is.EqualTo((1, 1)));
        Assert.That(await world.Database.QueryAsync("SELECT [RealmId], [ClassName], [Policy] FROM [realmsync].[Conflict]", cancellationToken),
            Is.EqualTo(new[] { new object?[] { a, "Dog", "sql-wins" } }));
        Assert.That(await world.Database.QueryAsync("SELECT [_realm_id], [born] FROM [app].[Dog] WHERE [name] = N'rex' ORDER BY [_realm_id]", cancellationToken),
            Is.EqualTo(new[] { new object?[] { a, new DateTime(1970, 1, 2) }, new object?[] { b, null } }));
    }

    /// <summary>Ann's and Bob's paths registered by their first transactions: A has dogs fido and rex, B has its own rex.</summary>
    private static async Task<PartitionedWorld> StartAsync(CancellationToken cancellationToken)
    {
        var world = await PartitionedWorld.StartAsync(Pattern, cancellationToken);
        world.Append(UserA, 1, InsertDog("rex"), InsertDog("fido"));
        world.Append(UserB, 1, InsertDog("rex"));
        var applier = world.Applier();
        await applier.RunOnceAsync(UserA, cancellationToken);
        await applier.RunOnceAsync(UserB, cancellationToken);
        return world;
    }

    private static string[] Inserts(PartitionedWorld world, string realmPath) =>
        [.. Lines(world.Outbound(realmPath)).Where(l => l.StartsWith("INSERT Dog", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private static IEnumerable<string> Lines(IEnumerable<AdapterTransaction> transactions) => transactions.SelectMany(t => t.Instructions).Select(i => i switch
    {
        ClearInstruction c => $"CLEAR {c.ObjectType}",
        InsertInstruction o => $"INSERT {o.ObjectType} {Key(o.Identity)}",
        SetInstruction o => $"SET {o.ObjectType} {Key(o.Identity)}",
        DeleteInstruction o => $"DELETE {o.ObjectType} {Key(o.Identity)}",
        _ => $"{i.GetType().Name} {i.ObjectType}",
    });

    private static string Key(RealmValue identity) => identity is StringValue s ? s.Value : identity.ToString()!;
}
