using Connector.Applier;
using Connector.Configuration;
using Connector.SqlServer.Operations;
using static Connector.Tests.Integration.Instructions;
using static Connector.Tests.Integration.PartitionedWorld;

namespace Connector.Tests.Integration;

/// <summary>
/// Tier 3, operations of a partitioned mapping on SQL Server (issue 12): <c>status</c> sums the registered paths per
/// mapping and warns of rows of no registered Realm, <c>doctor</c> says the same, and the login scripts/sql-setup.sql
/// prepares applies into the shared tables through the per-Realm views and grows them (auto), with doctor finding
/// nothing missing. Skipped, with the reason, when there is no SQL Server.
/// </summary>
[Category("Integration")]
[CancelAfter(600_000)]
public class PartitionedOperationsIntegrationTests
{
    [Test]
    public async Task Status_and_doctor_sum_the_paths_and_count_the_rows_of_no_registered_realm(CancellationToken cancellationToken)
    {
        await using var world = await PartitionedWorld.StartAsync(Pattern, cancellationToken);
        var database = world.Database;
        world.Append(UserA, 1, InsertPerson(Ann, "Ann of A"), InsertDog("rex"));
        world.Append(UserB, 1, InsertDog("rex"));
        await CatchUpAsync(world.Applier(), cancellationToken, UserA, UserB);
        // A row SQL wrote for a Realm that never registered: kept, sent nowhere, reported.
        await database.RunScriptAsync("INSERT INTO [app].[Dog] ([_realm_id], [name]) VALUES (999999, N'stray');", cancellationToken);

        await using var connection = await OperationsConnection.OpenAsync(new SqlServerOptions { ConnectionString = database.ConnectionString }, cancellationToken);
        using var output = new StringWriter();
        var warnings = StatusWriter.Write(await StatusReader.ReadAsync(connection, cancellationToken), [], 0.25, output);
        var doctor = await PartitionReport.CheckAsync(connection, await DatabaseProbe.ReadAsync(connection, cancellationToken), cancellationToken);

        var text = output.ToString().ReplaceLineEndings("\n");
        Assert.That(warnings, Is.EqualTo(1), text);
        Assert.That(text, Does.Contain($"Partitioned mapping '{Pattern}' (schema app, views app_realm): 2 Realm path(s) registered\n")
            .And.Contain("  inbound cursors: versions summing to 2 over 2 path(s)")
            .And.Contain("  WARNING 1 row(s) whose _realm_id is no registered Realm ([app].[Dog]: 1): they are not sent to any Realm")
            .And.Not.Contain(UserA));
        Assert.That(doctor.Select(d => d.Line()), Is.EqualTo(new[]
        {
            $"[warn] partitioned mapping '{Pattern}': 2 Realm path(s) registered; 1 row(s) whose _realm_id is no registered Realm ([app].[Dog]: 1): they are not sent to any Realm. " +
            "Fix: give each row the RealmId of its Realm ([realmsync].[MappedRealm], mode 'partition'), or delete it; a Realm that registers with that id later receives it.",
        }));
    }

    [TestCase(SchemaOptions.Auto)]
    [TestCase(SchemaOptions.Script)]
    public async Task The_login_sql_setup_prepares_holds_what_doctor_checks_and_applies_through_the_views(string applyMode, CancellationToken cancellationToken)
    {
        await using var world = await PartitionedWorld.StartAsync(Pattern, cancellationToken);
        var database = world.Database;
        await using var login = await LeastPrivilegeLogin.CreateAsync(database, "app", applyMode, cancellationToken);
        world.Append(UserA, 1, InsertPerson(Ann, "Ann"), InsertDog("rex", $$""", "owner": {{Ann}}"""), List("LIST_INSERT", Ann, 0, "rex"));
        world.Append(UserA, 2, Delete("Person", Ann));

        await CatchUpAsync(world.Applier(login.ConnectionString), cancellationToken, UserA);

        Assert.That((await login.PermissionsAsync(login.Options(applyMode), cancellationToken)).Line(), Is.EqualTo(
            $"[ok] permissions: login {login.Name} holds every permission the connector needs (Schema.ApplyMode = {applyMode}; schemas [app], per-Realm views of [app_realm])."));
        Assert.That(await database.QueryAsync("SELECT d.[name], d.[owner] FROM [app].[Dog] AS d", cancellationToken), Is.EqualTo(new[] { new object?[] { "rex", null } }),
            "the delete's cascade ran through the views as the login");
        Assert.That(await login.HasPermissionAsync(null, "DATABASE", "CREATE VIEW", cancellationToken), Is.EqualTo(applyMode == SchemaOptions.Auto));
    }

    [Test]
    public async Task The_login_grows_the_shared_tables_and_their_views_under_auto(CancellationToken cancellationToken)
    {
        await using var world = await PartitionedWorld.StartAsync(Pattern, cancellationToken);
        var database = world.Database;
        await using var login = await LeastPrivilegeLogin.CreateAsync(database, "app", SchemaOptions.Auto, cancellationToken);
        world.Append(UserA, 1,
            """{"type": "ADD_TYPE", "object_type": "Cat", "primary_key": "name", "properties": {"name": {"type": "string"}, "lives": {"type": "int", "nullable": true}}}""",
            """{"type": "ADD_PROPERTIES", "object_type": "Dog", "properties": {"color": {"type": "string", "nullable": true}}}""",
            """{"type": "INSERT", "object_type": "Cat", "identity": "tom", "values": {"name": "tom", "lives": 9}}""",
            InsertDog("rex", """, "color": "brown" """));

        await CatchUpAsync(world.Applier(login.ConnectionString), cancellationToken, UserA);

        Assert.That(await database.QueryAsync("SELECT r.[RealmPath], c.[name], c.[lives] FROM [app].[Cat] AS c JOIN [realmsync].[MappedRealm] AS r ON r.[RealmId] = c.[_realm_id]", cancellationToken),
            Is.EqualTo(new[] { new object?[] { UserA, "tom", 9L } }));
        Assert.That(await database.ScalarAsync("SELECT COUNT(*) FROM sys.views AS v WHERE v.[object_id] = OBJECT_ID(N'[app_realm].[Cat]')", cancellationToken), Is.EqualTo(1));
        Assert.That(await database.ScalarAsync("SELECT d.[color] FROM [app].[Dog] AS d", cancellationToken), Is.EqualTo("brown"));
    }

    /// <summary>Each path's journal applied by <paramref name="applier"/>; each must catch up.</summary>
    private static async Task CatchUpAsync(InboundApplier applier, CancellationToken cancellationToken, params string[] realmPaths)
    {
        foreach (var path in realmPaths)
        {
            var result = await applier.RunOnceAsync(path, cancellationToken);
            Assert.That(result.Status, Is.EqualTo(InboundRunStatus.CaughtUp), $"{path}: {result.Reason}");
        }
    }
}
