using System.Text.Json;
using Connector.Adapter;
using Connector.Postgres;
using Connector.Tests.Cli;
using Connector.Tests.Postgres.Capture;
using Npgsql;

namespace Connector.Tests.Postgres.SqlFirst;

/// <summary>SQL-first tables on PostgreSQL (issue 11), on the throwaway cluster: mapped by <c>install</c>, announced with ADD_TYPE,
/// loaded whole by the first capture pass, then captured change by change; what cannot be, refused with the reason and the fix.</summary>
public sealed class PgSqlFirstTests
{
    private const string Orders =
        """
        CREATE SCHEMA legacy;
        CREATE TABLE legacy."Orders" (
            id integer PRIMARY KEY, note varchar(40), total numeric(10,2) NOT NULL, placed timestamptz, qty smallint, paid boolean,
            ratio real, score double precision, ref uuid, blob bytea, due timestamp, span interval, tags text[]);
        INSERT INTO legacy."Orders" (id, note, total, placed, qty, paid, ref) VALUES
            (1, 'first', 12.50, '2024-01-02 03:04:05.678+00', 3, true, '0f8fad5b-d9cb-469f-a165-70867728950e'),
            (2, NULL, 0, NULL, NULL, NULL, NULL);
        """;

    [Test]
    public async Task An_existing_table_is_mapped_by_install_announced_loaded_whole_then_captured_change_by_change()
    {
        var (connectionString, config) = await DatabaseAsync("sqlfirst", Orders, "legacy.Orders");

        var install = CliRun.Of("install", "--config", config);

        Assert.That(install.ExitCode, Is.EqualTo(0), install.Output + install.Error);
        Assert.That(install.Output, Does.Contain(
            "[ok] SQL-first \"legacy\".\"Orders\": mapped as class Orders of Realm path '/legacy' (11 properties, key id); " +
            "announced with ADD_TYPE (outbox version 1); the first capture pass sends its rows whole."));
        Assert.That(install.Output, Does.Contain("[warn] SQL-first: left out column \"span\" of \"legacy\".\"Orders\": Realm has no type for interval."));
        Assert.That(install.Output, Does.Contain("[warn] SQL-first: left out column \"tags\" of \"legacy\".\"Orders\": Realm has no type for text[]."));
        Assert.That(install.Output, Does.Contain("[ok] SQL-first \"legacy\".\"Orders\": joined publication realmsync_1"));
        Assert.That(install.Output, Does.Contain("PASS Realm path '/legacy': publication realmsync_1 and replication slot"));

        var run = new PgCaptureRun(connectionString, "/legacy");
        var (first, outbound) = await run.PassAsync();
        Assert.That(first.Reloads.Select(r => (r.Table, r.Reason)), Is.EqualTo(new[] { ("Orders", "never read: loaded whole (initial load)") }));
        Assert.That(Instructions(outbound), Is.EqualTo(Json(
            "{'type':'ADD_TYPE','object_type':'Orders','primary_key':'id','properties':{'id':{'type':'int','nullable':false,'indexed':true},'note':{'type':'string','nullable':true}," +
            "'total':{'type':'decimal128','nullable':false},'placed':{'type':'date','nullable':true},'qty':{'type':'int','nullable':true},'paid':{'type':'bool','nullable':true}," +
            "'ratio':{'type':'float','nullable':true},'score':{'type':'double','nullable':true},'ref':{'type':'uuid','nullable':true},'blob':{'type':'data','nullable':true}," +
            "'due':{'type':'date','nullable':true}}}",
            "{'type':'CLEAR','object_type':'Orders'}",
            "{'type':'INSERT','object_type':'Orders','identity':1,'values':{'id':1,'note':'first','total':['decimal128','12.5'],'placed':['date',1704164645678],'qty':3,'paid':true," +
            "'ratio':null,'score':null,'ref':['uuid','0f8fad5b-d9cb-469f-a165-70867728950e'],'blob':null,'due':null}}",
            "{'type':'INSERT','object_type':'Orders','identity':2,'values':{'id':2,'note':null,'total':['decimal128','0'],'placed':null,'qty':null,'paid':null," +
            "'ratio':null,'score':null,'ref':null,'blob':null,'due':null}}")));
        ApplyAll(run, outbound);
        Assert.That(await run.DifferenceAsync(), Is.Null, "Realm holds the table");

        await PostgresServer.ExecuteAsync(connectionString,
            """
            INSERT INTO legacy."Orders" (id, total, ratio, blob, due) VALUES (3, 7.25, 0.5, '\x0102', '2000-01-01 00:00:00');
            UPDATE legacy."Orders" SET note = 'changed', score = 2.5 WHERE id = 1;
            DELETE FROM legacy."Orders" WHERE id = 2;
            """);
        var (_, changes) = await run.PassAsync();
        Assert.That(Instructions(changes).Select(i => i[..Math.Min(i.Length, 60)]), Is.EqualTo(Json(
            "{'type':'INSERT','object_type':'Orders','identity':3,'values",
            "{'type':'SET','object_type':'Orders','identity':1,'values':{",
            "{'type':'DELETE','object_type':'Orders','identity':2}")), "an SQL insert, update and delete arrive as INSERT, SET and DELETE, deletes last");
        ApplyAll(run, changes);
        Assert.That(await run.DifferenceAsync(), Is.Null, "Realm follows the table");

        var again = CliRun.Of("install", "--config", config);
        Assert.That(again.ExitCode, Is.EqualTo(0), again.Output + again.Error);
        Assert.That(again.Output, Does.Contain("[ok] SQL-first \"legacy\".\"Orders\": already mapped for Realm path '/legacy'."));
        Assert.That(again.Output, Does.Not.Contain("joined publication"));
        Assert.That((await run.PassAsync()).Outbound, Is.Empty, "a second install announces nothing again");
    }

    [Test]
    public async Task Realm_writes_to_a_sql_first_table_are_applied_with_every_type_and_not_sent_back()
    {
        var (connectionString, config) = await DatabaseAsync("sqlfirstwrite", Orders, "legacy.Orders");
        Assert.That(CliRun.Of("install", "--config", config).ExitCode, Is.EqualTo(0));
        var run = new PgCaptureRun(connectionString, "/legacy");
        ApplyAll(run, (await run.PassAsync()).Outbound);

        await using var connections = new PgConnectionFactory(connectionString);
        var applier = new PgTransactionApplier(connections);
        var (realm, cursor) = await applier.FindAsync("/legacy", CancellationToken.None);
        var transaction = AdapterCodec.Decode(
            $$$"""
            {"realm_path":"/legacy","version":{{{cursor + 1}}},"instructions":[
              {"type":"INSERT","object_type":"Orders","identity":4,"values":{"id":4,"note":"from Realm","total":["decimal128","99.99"],"placed":["date",1704164645678],
               "qty":-32768,"paid":false,"ratio":1.5,"score":-2.25,"ref":["uuid","3b241101-e2bb-4255-8caf-4136c566a962"],"blob":["data64","AAEC"],"due":["date",0]}},
              {"type":"SET","object_type":"Orders","identity":1,"values":{"note":null,"qty":32767}},
              {"type":"DELETE","object_type":"Orders","identity":2}]}
            """);
        Assert.That((await applier.ApplyAsync(realm!, transaction, CancellationToken.None)).Status, Is.EqualTo(Connector.Applier.ApplyStatus.Applied));
        run.ApplyToRealm(transaction);

        Assert.That(await PostgresServer.ScalarAsync(connectionString,
            """SELECT note || '|' || total || '|' || (placed AT TIME ZONE 'UTC') || '|' || qty || '|' || paid || '|' || ratio || '|' || score || '|' || ref || '|' || encode(blob, 'hex') || '|' || due FROM legacy."Orders" WHERE id = 4;"""),
            Is.EqualTo("from Realm|99.99|2024-01-02 03:04:05.678|-32768|false|1.5|-2.25|3b241101-e2bb-4255-8caf-4136c566a962|000102|1970-01-01 00:00:00"),
            "every type lands as written; the timestamptz holds the same instant whatever the session's TimeZone");
        Assert.That(await run.DifferenceAsync(), Is.Null, "the table equals what Realm holds");
        Assert.That((await run.PassAsync()).Outbound, Is.Empty, "Realm's own writes are not sent back");

        // A value the column cannot hold is bad input for that transaction: smallint's range.
        var tooBig = AdapterCodec.Decode(
            $$$"""{"realm_path":"/legacy","version":{{{cursor + 2}}},"instructions":[{"type":"SET","object_type":"Orders","identity":1,"values":{"qty":40000}}]}""");
        Assert.That(async () => await applier.ApplyAsync(realm!, tooBig, CancellationToken.None), Throws.InstanceOf<AdapterFormatException>().With.Message.Contains("does not fit"));
    }


    [Test]
    public async Task Tables_that_cannot_be_mapped_or_captured_are_refused_with_the_reason_and_nothing_is_recorded()
    {
        var (connectionString, config) = await DatabaseAsync("sqlfirst_refused",
            """
            CREATE TABLE public.heap (id integer, note text);
            CREATE TABLE public.quiet (id integer PRIMARY KEY);
            ALTER TABLE public.quiet REPLICA IDENTITY NOTHING;
            CREATE TABLE public.coded (code char(4) PRIMARY KEY);
            """,
            "public.heap", "public.quiet", "public.coded", "public.missing");

        var install = CliRun.Of("install", "--config", config);

        Assert.That(install.ExitCode, Is.EqualTo(ExitCodes.NotReady), install.Output + install.Error);
        Assert.That(install.Output, Does.Contain(
            "[FAIL] SQL-first \"public\".\"heap\": not mapped. Fix: table \"public\".\"heap\" has no primary key; Realm needs one key column to identify objects (add a primary key, or a single-column key)."));
        Assert.That(install.Output, Does.Contain(
            "[FAIL] SQL-first \"public\".\"quiet\": not mapped. Fix: table \"public\".\"quiet\" has REPLICA IDENTITY NOTHING: PostgreSQL would publish its UPDATEs and DELETEs " +
            "without the key the connector needs (and refuse them once the table is in a publication). As its owner, run: ALTER TABLE \"public\".\"quiet\" REPLICA IDENTITY DEFAULT; Then install again."));
        Assert.That(install.Output, Does.Contain("[FAIL] SQL-first \"public\".\"coded\": not mapped. Fix: table \"public\".\"coded\" has primary key \"code\" of type character(4): character(n) pads"));
        Assert.That(install.Output, Does.Contain("[FAIL] SQL-first \"public\".\"missing\": not mapped. Fix: table \"public\".\"missing\" does not exist"));
        await using var connection = await PostgresServer.OpenAsync(connectionString, CancellationToken.None);
        await using var count = new NpgsqlCommand("""SELECT (SELECT count(*) FROM realmsync."MappedRealm") + (SELECT count(*) FROM realmsync."Outbox");""", connection);
        Assert.That(await count.ExecuteScalarAsync(), Is.EqualTo(0L), "no path, no ADD_TYPE");
    }

    [Test]
    public async Task A_table_the_role_does_not_own_is_mapped_and_install_and_doctor_say_what_the_DBA_runs()
    {
        var (connectionString, _) = await DatabaseAsync("sqlfirst_owner", "CREATE SCHEMA legacy; CREATE TABLE legacy.customers (id bigint PRIMARY KEY, name text);");
        var role = "realmsync_sqlfirst_" + Guid.NewGuid().ToString("N")[..8];
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await PostgresServer.ExecuteAsync(connectionString,
            $"""
            CREATE ROLE {role} LOGIN REPLICATION; GRANT CREATE ON DATABASE "{database}" TO {role};
            GRANT USAGE ON SCHEMA legacy TO {role}; GRANT SELECT ON legacy.customers TO {role};
            """);
        var limited = new NpgsqlConnectionStringBuilder(connectionString) { Username = role, Password = null }.ConnectionString;
        var config = Config(limited, "legacy.customers");

        var install = CliRun.Of("install", "--config", config);

        Assert.That(install.ExitCode, Is.EqualTo(ExitCodes.NotReady), install.Output + install.Error);
        Assert.That(install.Output, Does.Contain("[ok] SQL-first \"legacy\".\"customers\": mapped as class customers of Realm path '/legacy'"));
        const string Fix = "Fix: as a superuser, run: ALTER PUBLICATION \"realmsync_1\" ADD TABLE \"legacy\".\"customers\"; " +
            "if a capture pass of the path ran before, re-send the class then: realm-sqlserver resend --realm-path '/legacy' --class customers";
        Assert.That(install.Output, Does.Contain(
            $"[FAIL] SQL-first \"legacy\".\"customers\": is mapped for Realm path '/legacy' but not in publication realmsync_1, and role {role} does not own it " +
            "(adding a table to a publication needs its ownership): its SQL changes do not reach Realm. " + Fix));
        var doctor = CliRun.Of("doctor", "--config", config);
        Assert.That(doctor.Output, Does.Contain("[FAIL] SQL-first \"legacy\".\"customers\": is mapped for Realm path '/legacy' but not in publication realmsync_1").And.Contain(Fix));

        await PostgresServer.ExecuteAsync(connectionString, """ALTER PUBLICATION "realmsync_1" ADD TABLE "legacy"."customers";""");
        var fixedDoctor = CliRun.Of("doctor", "--config", config);
        Assert.That(fixedDoctor.Output, Does.Contain("[ok] SQL-first '/legacy': its 1 table(s) are in publication realmsync_1."));
    }

    private static List<string> Instructions(IEnumerable<AdapterTransaction> transactions) =>
        [.. transactions.SelectMany(t => JsonDocument.Parse(AdapterCodec.Encode(t)).RootElement.GetProperty("instructions").EnumerateArray().Select(i => i.GetRawText()))];

    /// <summary>JSON written with single quotes, for reading in a test.</summary>
    private static string[] Json(params string[] texts) => [.. texts.Select(t => t.Replace('\'', '"'))];

    private static void ApplyAll(PgCaptureRun run, IEnumerable<AdapterTransaction> transactions)
    {
        foreach (var transaction in transactions)
        {
            Assert.That(run.ApplyToRealm(transaction).Status, Is.Not.EqualTo(Model.ModelStatus.Refused), AdapterCodec.Encode(transaction));
        }
    }

    /// <returns>A new database holding <paramref name="setup"/>'s tables, and a configuration that maps <paramref name="tables"/> for '/legacy'.</returns>
    private static async Task<(string ConnectionString, string Config)> DatabaseAsync(string prefix, string setup, params string[] tables)
    {
        PostgresServer.Require();
        var connectionString = await PostgresServer.CreateDatabaseAsync(prefix);
        await PostgresServer.ExecuteAsync(connectionString, setup);
        return (connectionString, Config(connectionString, tables));
    }

    private static string Config(string connectionString, params string[] tables)
    {
        var folder = Directory.CreateTempSubdirectory("pg-sqlfirst-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "journal"));
        var path = Path.Combine(folder, "config.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            RealmSqlServer = new
            {
                Database = new { Provider = "postgres" },
                Postgres = new { ConnectionString = connectionString },
                Realm = new { JournalPath = Path.Combine(folder, "journal") },
                SqlFirst = new { Tables = tables, RealmPath = "/legacy" },
            },
        }));
        return path;
    }

}
