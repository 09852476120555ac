using Connector.Adapter;
using Connector.ChangeTracking;
using Connector.Configuration;
using Connector.RealmSchema;
using Connector.Scheduling;
using Connector.SqlServer.ChangeTracking;
using Microsoft.Extensions.Options;
using static Connector.Tests.ChangeTracking.DeltaRows;

namespace Connector.Tests.Integration;

/// <summary>
/// Tier 3, SQL-first: a plain table that existed before the connector, registered by <see cref="SqlFirstRegistrar"/>,
/// reaches the outbound journal as ADD_TYPE, then the whole table, then its deltas. Skipped, with the reason, when
/// there is no SQL Server.
/// </summary>
[Category("Integration")]
[CancelAfter(300_000)]
public class SqlFirstIntegrationTests
{
    private const string RealmPath = "/sql-first";

    [Test]
    public async Task A_registered_table_is_announced_with_add_type_then_loaded_whole_then_polled_incrementally(CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(cancellationToken);
        var registration = await RegisterAsync(harness,
            "CREATE TABLE [dbo].[Orders] ([id] int NOT NULL CONSTRAINT [PK_Orders] PRIMARY KEY, [note] nvarchar(100) NULL, [area] geography NULL);\nGO\n" +
            "ALTER TABLE [dbo].[Orders] ENABLE CHANGE_TRACKING;\nGO\n" +
            "INSERT INTO [dbo].[Orders] ([id], [note]) VALUES (2, N'second'), (1, NULL);",
            [("dbo", "Orders")], cancellationToken);

        var at = await harness.CurrentVersionAsync(cancellationToken);
        Assert.That((registration.Plan.Refusals.Length, registration.Plan.SkippedColumns.Length, registration.OutboxVersion), Is.EqualTo((0, 1, 1L)));
        Assert.That(await harness.Database.QueryAsync(
            "SELECT r.[MappingMode], r.[SqlSchema], DATALENGTH(d.[Dacpac]), (SELECT COUNT(*) FROM [realmsync].[TableWatermark] AS w WHERE w.[RealmId] = r.[RealmId]) " +
            "FROM [realmsync].[MappedRealm] AS r INNER JOIN [realmsync].[SchemaDeployment] AS d ON d.[RealmId] = r.[RealmId] WHERE r.[RealmPath] = N'/sql-first'", cancellationToken),
            Is.EqualTo(new[] { new object?[] { "sql-first", "dbo", 0L, 0 } }));

        var load = await harness.PollAsync(cancellationToken);
        await harness.ShipAsync(cancellationToken);
        await harness.ExecuteAsync("UPDATE [dbo].[Orders] SET [note] = N'first' WHERE [id] = 1;", cancellationToken);
        var to = await harness.CurrentVersionAsync(cancellationToken);
        await harness.PollAsync(cancellationToken);
        await harness.ShipAsync(cancellationToken);

        Assert.That(load.Warnings, Has.Some.Contains("table [dbo].[Orders] re-sent whole (CLEAR + INSERTs): never read: loaded whole (initial load)"));
        Assert.That(harness.Outbound(RealmPath), Is.EqualTo(new[]
        {
            new AdapterTransaction(RealmPath, 1,
                [new AddTypeInstruction("Orders", [new RealmProperty("id", RealmPropertyType.Int, Indexed: true), new RealmProperty("note", RealmPropertyType.String, Optional: true)], "id")],
                new ChangeTrackingSource(at, at)),
            new AdapterTransaction(RealmPath, 2,
                [
                    new ClearInstruction("Orders"),
                    new InsertInstruction("Orders", new IntValue(1), Values(("id", new IntValue(1)), ("note", RealmValue.Null))),
                    new InsertInstruction("Orders", new IntValue(2), Values(("id", new IntValue(2)), ("note", new StringValue("second")))),
                ],
                new ChangeTrackingSource(0, at)),
            new AdapterTransaction(RealmPath, 3,
                [new SetInstruction("Orders", new IntValue(1), Values(("note", new StringValue("first"))))],
                new ChangeTrackingSource(at, to)),
        }));
    }

    [Test]
    public async Task Tables_that_cannot_be_polled_are_refused_with_the_reason_and_nothing_is_recorded(CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(cancellationToken);
        var registration = await RegisterAsync(harness,
            "CREATE TABLE [dbo].[Untracked] ([id] int NOT NULL CONSTRAINT [PK_Untracked] PRIMARY KEY);\nGO\n" +
            // Change Tracking needs a primary key (Msg 4997), so the heap cannot have it: it is refused for its key first.
            "CREATE TABLE [dbo].[Heap] ([id] int NOT NULL);",
            [("dbo", "Untracked"), ("dbo", "Heap"), ("dbo", "Missing")], cancellationToken);

        Assert.That(registration.Plan.Refusals.Select(r => r.Table), Is.EqualTo(new[] { "[dbo].[Untracked]", "[dbo].[Heap]", "[dbo].[Missing]" }));
        Assert.That(registration.Plan.Refusals[0].Reason, Is.EqualTo(
            "Change Tracking is not enabled on table [dbo].[Untracked]. Run as db_owner: ALTER TABLE [dbo].[Untracked] ENABLE CHANGE_TRACKING; Then install again."));
        Assert.That(registration.Plan.Refusals[1].Reason, Does.StartWith("table [dbo].[Heap] has no primary key"));
        Assert.That((registration.RealmId, registration.OutboxVersion), Is.EqualTo(((int?)null, (long?)null)));
        Assert.That(await harness.Database.ScalarAsync("SELECT COUNT(*) FROM [realmsync].[MappedRealm] AS r WHERE r.[RealmPath] = N'/sql-first'", cancellationToken), Is.Zero);
    }

    /// <summary>
    /// Finding 14: hierarchyid and geography are CLR types (user_type_id 128 and 130, system type 240) and vanished from
    /// the metadata before it joined sys.types on user_type_id; now they are left out with the reason, and an alias
    /// type maps as the system type it is made from.
    /// </summary>
    [Test]
    public async Task Hierarchyid_and_geography_columns_are_left_out_with_the_reason_and_an_alias_type_maps_as_its_base_type(CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(cancellationToken);
        var registration = await RegisterAsync(harness,
            "CREATE TYPE [dbo].[Label] FROM nvarchar(40) NULL;\nGO\n" +
            "CREATE TABLE [dbo].[Places] ([id] int NOT NULL CONSTRAINT [PK_Places] PRIMARY KEY, [node] hierarchyid NULL, [area] geography NULL, [label] [dbo].[Label] NULL);\nGO\n" +
            "ALTER TABLE [dbo].[Places] ENABLE CHANGE_TRACKING;\nGO\n" +
            "INSERT INTO [dbo].[Places] ([id], [node], [area], [label]) VALUES (1, hierarchyid::GetRoot(), geography::Point(47.65, -122.35, 4326), N'home');",
            [("dbo", "Places")], cancellationToken);

        await harness.PollAsync(cancellationToken);
        await harness.ShipAsync(cancellationToken);

        Assert.That(registration.Plan.Refusals, Is.Empty);
        Assert.That(registration.Plan.SkippedColumns, Is.EqualTo(new[]
        {
            "column [node] of [dbo].[Places]: Realm has no type for hierarchyid",
            "column [area] of [dbo].[Places]: Realm has no type for geography",
        }));
        Assert.That(registration.Plan.Mapping.Tables.Single().Columns.Select(c => c.SqlType), Is.EqualTo(new[] { "int", "nvarchar(40)" }));
        var sent = harness.Outbound(RealmPath).SelectMany(t => t.Instructions).ToList();
        Assert.That(sent.OfType<AddTypeInstruction>().Single(), Is.EqualTo(new AddTypeInstruction("Places",
            [new RealmProperty("id", RealmPropertyType.Int, Indexed: true), new RealmProperty("label", RealmPropertyType.String, Optional: true)], "id")));
        Assert.That(sent.OfType<InsertInstruction>().Single(), Is.EqualTo(
            new InsertInstruction("Places", new IntValue(1), Values(("id", new IntValue(1)), ("label", new StringValue("home"))))));
    }

    /// <summary>
    /// Finding 5: under SQL_Latin1_General_CP1_CI_AS, varchar sorts '-' and '\'' as characters before the letters,
    /// while nvarchar (Unicode rules) gives them almost no weight: 'a-c' &lt; 'ab' as varchar, 'ab' &lt; 'a-c' as
    /// nvarchar. Paged two rows at a time by an nvarchar @afterKey, a page ending at 'a-c' skipped 'ab'. Both paged
    /// reads are crossed: the initial load (the table itself) and the delta (CHANGETABLE).
    /// </summary>
    [Test]
    public async Task A_varchar_key_under_a_sql_collation_is_paged_in_its_own_order_and_every_row_is_sent_exactly_once(CancellationToken cancellationToken)
    {
        await using var harness = await PollerHarness.StartAsync(cancellationToken);
        await RegisterAsync(harness,
            "CREATE TABLE [dbo].[Codes] ([code] varchar(20) COLLATE SQL_Latin1_General_CP1_CI_AS NOT NULL CONSTRAINT [PK_Codes] PRIMARY KEY, [n] int NULL);\nGO\n" +
            "ALTER TABLE [dbo].[Codes] ENABLE CHANGE_TRACKING;\nGO\n" +
            "INSERT INTO [dbo].[Codes] ([code]) VALUES ('ab'), ('a-c'), ('ad'), ('a''e'), ('af'), ('b'), ('co-op'), ('coop'), ('cop'), ('o''neil'), ('oneil'), ('onf'), ('x-'), ('x');",
            [("dbo", "Codes")], cancellationToken);
        var varcharOrder = await Keys(harness, "SELECT c.[code] FROM [dbo].[Codes] AS c ORDER BY c.[code]", cancellationToken);
        var nvarcharOrder = await Keys(harness, "SELECT c.[code] FROM [dbo].[Codes] AS c ORDER BY CAST(c.[code] AS nvarchar(20))", cancellationToken);
        Assert.That(varcharOrder, Is.Not.EqualTo(nvarcharOrder), "precondition: the server must sort these keys differently as varchar and as nvarchar");
        var pass = new ChangeTrackingPollPass(
            new ServedRealms(harness.Connections, Options.Create(new RealmOptions())), harness.Connections, new ChangeTrackingPoller(new PollOptions { PageSize = 2 }));
        await pass.RunAsync(cancellationToken);
        await harness.ExecuteAsync("UPDATE [dbo].[Codes] SET [n] = 1;", cancellationToken);
        await pass.RunAsync(cancellationToken);
        await harness.ShipAsync(cancellationToken);

        var sent = harness.Outbound(RealmPath).SelectMany(t => t.Instructions).ToList();
        Assert.That(sent.OfType<InsertInstruction>().Select(i => ((StringValue)i.Identity).Value), Is.EqualTo(varcharOrder), "the initial load, in the key's own order, each row once");
        Assert.That(sent.OfType<SetInstruction>().Select(i => ((StringValue)i.Identity).Value), Is.EqualTo(varcharOrder), "the delta, in the key's own order, each row once");
    }

    /// <summary>Runs the script that makes the tables, then registers them for <see cref="RealmPath"/>.</summary>
    private static async Task<SqlFirstRegistration> RegisterAsync(
        PollerHarness harness, string script, IReadOnlyList<(string Schema, string Table)> tables, CancellationToken cancellationToken)
    {
        await harness.Database.RunScriptAsync(script, cancellationToken);
        await using var connection = await harness.Database.OpenAsync(cancellationToken);
        return await SqlFirstRegistrar.RegisterAsync(connection, RealmPath, tables, cancellationToken);
    }

    private static async Task<List<string>> Keys(PollerHarness harness, string sql, CancellationToken cancellationToken) =>
        [.. (await harness.Database.QueryAsync(sql, cancellationToken)).Select(r => (string)r[0]!)];
}
