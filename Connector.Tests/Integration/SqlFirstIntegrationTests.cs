using Connector.Adapter;
using Connector.ChangeTracking;
using Connector.RealmSchema;
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
        await harness.Database.RunScriptAsync(
            "CREATE TABLE [dbo].[Orders] ([id] int NOT NULL CONSTRAINT [PK_Orders] PRIMARY KEY, [note] nvarchar(100) NULL, [area] geography NULL);\nGO\n" +
            "ALTER TABLE [dbo].[Orders] ENABLE CHANGE_TRACKING;\nGO\n" +
            "INSERT INTO [dbo].[Orders] ([id], [note]) VALUES (2, N'second'), (1, NULL);",
            cancellationToken);

        SqlFirstRegistration registration;
        await using (var connection = await harness.Database.OpenAsync(cancellationToken))
        {
            registration = await SqlFirstRegistrar.RegisterAsync(connection, RealmPath, [("dbo", "Orders")], cancellationToken);
        }

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
        await harness.Database.RunScriptAsync(
            "CREATE TABLE [dbo].[Untracked] ([id] int NOT NULL CONSTRAINT [PK_Untracked] PRIMARY KEY);\nGO\n" +
            "CREATE TABLE [dbo].[Heap] ([id] int NOT NULL);\nGO\n" +
            "ALTER TABLE [dbo].[Heap] ENABLE CHANGE_TRACKING;",
            cancellationToken);

        SqlFirstRegistration registration;
        await using (var connection = await harness.Database.OpenAsync(cancellationToken))
        {
            registration = await SqlFirstRegistrar.RegisterAsync(connection, RealmPath, [("dbo", "Untracked"), ("dbo", "Heap"), ("dbo", "Missing")], cancellationToken);
        }

        Assert.That(registration.Plan.Refusals.Select(r => r.Table), Is.EqualTo(new[] { "[dbo].[Untracked]", "[dbo].[Heap]", "[dbo].[Missing]" }));
        Assert.That(registration.Plan.Refusals[0].Reason, Does.StartWith("Change Tracking is not enabled on table [dbo].[Untracked]"));
        Assert.That(registration.Plan.Refusals[1].Reason, Does.StartWith("table [dbo].[Heap] has no primary key"));
        Assert.That((registration.RealmId, registration.OutboxVersion), Is.EqualTo(((int?)null, (long?)null)));
        Assert.That(await harness.Database.ScalarAsync("SELECT COUNT(*) FROM [realmsync].[MappedRealm] AS r WHERE r.[RealmPath] = N'/sql-first'", cancellationToken), Is.Zero);
    }
}
