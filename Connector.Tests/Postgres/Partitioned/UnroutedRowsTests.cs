using Connector.Postgres;

namespace Connector.Tests.Postgres.Partitioned;

/// <summary>
/// The count of rows of no registered Realm that <c>status</c> and <c>doctor</c> report (<see cref="PgPartitionReport.UnroutedRows"/>):
/// found by a skip scan of the distinct Realms, it must equal the plain count over every row, whatever the ids.
/// </summary>
[TestFixture]
public sealed class UnroutedRowsTests
{
    [Test]
    public async Task The_skip_scan_counts_exactly_the_rows_of_unregistered_realms_and_uses_the_index()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("unrouted");
        await PostgresServer.ExecuteAsync(connectionString,
            """CREATE SCHEMA realmsync; CREATE TABLE realmsync."MappedRealm" ("RealmId" integer PRIMARY KEY, "PartitionOf" integer);""",
            """INSERT INTO realmsync."MappedRealm" VALUES (1, NULL), (2, NULL);""",
            // Realms 10..209 belong to mapping 1, 300..309 to mapping 2; ids 7, 250 and 9999 are nobody's.
            """INSERT INTO realmsync."MappedRealm" SELECT g, 1 FROM generate_series(10, 209) AS g UNION ALL SELECT g, 2 FROM generate_series(300, 309) AS g;""",
            """CREATE TABLE public."Dog" (_realm_id integer NOT NULL, name text NOT NULL, PRIMARY KEY (_realm_id, name));""",
            """INSERT INTO public."Dog" SELECT r, 'd' || n FROM (SELECT unnest(ARRAY[7, 250, 9999] || ARRAY(SELECT generate_series(10, 209)) || ARRAY(SELECT generate_series(300, 309))) AS r) AS ids, generate_series(1, 40) AS n WHERE n <= 40;""",
            """DELETE FROM public."Dog" WHERE _realm_id = 250 AND name > 'd3';""",
            """ANALYZE public."Dog";""");

        var mapping1 = await CountAsync(connectionString, 1);
        var mapping2 = await CountAsync(connectionString, 2);
        var plain1 = await PostgresServer.ScalarAsync(connectionString,
            """SELECT count(*) FROM public."Dog" AS t WHERE NOT EXISTS (SELECT 1 FROM realmsync."MappedRealm" AS r WHERE r."RealmId" = t._realm_id AND r."PartitionOf" = 1);""");

        Assert.That(mapping1, Is.EqualTo(plain1));
        // 7 and 9999: 40 rows each; 250: d1, d10..d19, d2, d20..d29, d3 (23 rows); mapping 2's 10 Realms are not mapping 1's.
        Assert.That(mapping1, Is.EqualTo(40L + 40 + 23 + 10 * 40));
        Assert.That(mapping2, Is.EqualTo(40L + 40 + 23 + 200 * 40));
        var plan = await PlanAsync(connectionString);
        TestContext.Out.WriteLine(string.Join("\n", plan));
        Assert.That(plan, Has.None.Contains("Seq Scan on \"Dog\""), "the distinct Realms come from the key's index, not a read of every row");
    }

    private static async Task<List<string>> PlanAsync(string connectionString)
    {
        await using var connection = await PostgresServer.OpenAsync(connectionString, CancellationToken.None);
        await using var command = new Npgsql.NpgsqlCommand("EXPLAIN (COSTS OFF) " + PgPartitionReport.UnroutedRows("public.\"Dog\"").Replace("$1", "1", StringComparison.Ordinal), connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }

    private static async Task<long> CountAsync(string connectionString, int mapping)
    {
        await using var connection = await PostgresServer.OpenAsync(connectionString, CancellationToken.None);
        await using var command = new Npgsql.NpgsqlCommand(PgPartitionReport.UnroutedRows("public.\"Dog\""), connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = mapping });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
