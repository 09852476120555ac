using Connector.Postgres;
using Connector.SchemaGeneration;

namespace Connector.Tests.Postgres.EndToEnd;

/// <summary>
/// Change capture on PostgreSQL, first step (issue 11): a publication and a pgoutput slot per Realm path, read through
/// Npgsql's replication API; SQL changes come out in commit order, the connector's own (marked) transactions do not,
/// and nothing is consumed until confirmed.
/// </summary>
[TestFixture]
public sealed class CaptureTests
{
    [Test]
    public async Task Sql_changes_are_read_from_the_slot_and_the_connectors_own_writes_are_not()
    {
        PostgresServer.Require();
        var connectionString = await PostgresServer.CreateDatabaseAsync("capture");
        var harness = await PgInboundHarness.StartAsync(connectionString, PgInboundHarness.Small, "/captured");
        var realmId = Convert.ToInt32(await harness.ScalarAsync("""SELECT "RealmId" FROM realmsync."MappedRealm";"""), System.Globalization.CultureInfo.InvariantCulture);
        await using (var connection = await PostgresServer.OpenAsync(connectionString, CancellationToken.None))
        {
            var (mapping, _) = PgBootstrap.Generate(PgInboundHarness.Small, "/captured", "app", "test");
            await PgCapture.EnsureAsync(connection, realmId, mapping, CancellationToken.None);
            await PgCapture.EnsureAsync(connection, realmId, mapping, CancellationToken.None); // a second time changes nothing
        }

        var table = PgBootstrap.Generate(PgInboundHarness.Small, "/captured", "app", "test").Mapping.Classes.First(c => c.Class.Name == "Dog");
        harness.Append(harness.SchemaTransaction(PgInboundHarness.Small));
        var reader = new PgChangeReader(connectionString);
        var (before, _) = await reader.ReadAsync(realmId, CancellationToken.None);
        Assert.That(before, Is.Empty, "nothing changed yet");

        // The connector applies a Realm transaction: marked, so not read back.
        harness.Append(2, $$"""{"type":"INSERT","object_type":"{{table.Class.Name}}","identity":{{Identity(table, 1)}},"values":{} }""");
        Assert.That((await harness.RunOnceAsync()).Applied, Is.EqualTo(2));
        var (own, afterOwn) = await reader.ReadAsync(realmId, CancellationToken.None);
        Assert.That(own, Is.Empty, "the connector's own transaction is left out");
        await reader.ConfirmAsync(realmId, afterOwn, CancellationToken.None);

        // A DBA's SQL: one insert, then an update and a delete in one transaction.
        var key = PgIdentifier.Quote(table.KeyColumn);
        var q = PgIdentifier.Quote("app", table.Table);
        await harness.QueryAsync($"INSERT INTO {q} ({key}) VALUES ({Literal(table, 2)});");
        await harness.QueryAsync($"BEGIN; UPDATE {q} SET {key} = {key} WHERE {key} = {Literal(table, 2)}; DELETE FROM {q} WHERE {key} = {Literal(table, 1)}; COMMIT;");
        var (changes, end) = await reader.ReadAsync(realmId, CancellationToken.None);
        Assert.That(changes.Select(c => (c.Table, c.Kind)), Is.EqualTo(new[]
        {
            (table.Table, PgChangeKind.Insert), (table.Table, PgChangeKind.Update), (table.Table, PgChangeKind.Delete),
        }));
        Assert.That(changes[0].Values[table.KeyColumn], Is.EqualTo(Text(table, 2)));
        Assert.That(changes[2].Values[table.KeyColumn], Is.EqualTo(Text(table, 1)), "a delete carries the key (the replica identity)");

        var (again, _) = await reader.ReadAsync(realmId, CancellationToken.None);
        Assert.That(again, Has.Count.EqualTo(3), "not confirmed: read again after a crash");
        await reader.ConfirmAsync(realmId, end, CancellationToken.None);
        var (after, _) = await reader.ReadAsync(realmId, CancellationToken.None);
        Assert.That(after, Is.Empty, "confirmed: consumed");
    }

    private static bool IntKey(ClassMapping table) => table.Class.PrimaryKeyProperty?.Type == global::Connector.RealmSchema.RealmPropertyType.Int;

    private static string Identity(ClassMapping table, int n) => IntKey(table) ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"\"k{n}\"";

    private static string Literal(ClassMapping table, int n) => IntKey(table) ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"'k{n}'";

    private static string Text(ClassMapping table, int n) => IntKey(table) ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"k{n}";
}
