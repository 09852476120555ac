using Connector.Adapter;
using Connector.Postgres;
using Connector.Tests.Cli;
using Connector.Tests.Journal;
using Connector.Tests.Postgres.EndToEnd;
using Npgsql;

namespace Connector.Tests.Postgres.Partitioned;

/// <summary>
/// The seed's scenario end to end on PostgreSQL through <c>sync</c> (issue 12): one private Realm per user, every path
/// matching <c>^/([0-9a-f]+)/private$</c>, all in ONE <c>"Dog"</c> table whose <c>_realm_id</c> says whose dog a row is.
/// </summary>
[TestFixture]
public sealed class SeedScenarioTests
{
    private const string Ann = "/0a11/private";
    private const string Bob = "/0b0b/private";

    [Test]
    public async Task Per_user_realms_share_one_table_stay_apart_and_get_their_own_sql_changes()
    {
        using var journal = new JournalDirectory();
        var (connectionString, config) = await DeployAsync(journal);
        Write(journal, Ann, 1, """{"type":"INSERT","object_type":"Dog","identity":"rex","values":{"name":"rex","breed":"lab"}}""");
        Write(journal, Bob, 1, """{"type":"INSERT","object_type":"Dog","identity":"rex","values":{"name":"rex","breed":"pug"}}""",
            """{"type":"INSERT","object_type":"Dog","identity":"max","values":{"name":"max","breed":"pug"}}""");
        Write(journal, "/not-a-user", 1, """{"type":"INSERT","object_type":"Dog","identity":"odd","values":{"name":"odd"}}""");
        var strayJournal = File.ReadAllBytes(Path.Combine(journal.Inbound("/not-a-user"), Segment(1)));

        var sync = Sync(config);
        Assert.That(sync.ExitCode, Is.EqualTo(Connector.ExitCodes.Stopped), "a path no pattern matches stops (only that path): " + sync.Output + sync.Error);
        Assert.That(sync.Output + sync.Error, Does.Contain("'/not-a-user' is not mapped").And.Contain("no partitioned mapping's pattern matches it"));
        Assert.That(await DogsAsync(connectionString), Is.EqualTo(new[] { $"{Ann} rex lab", $"{Bob} max pug", $"{Bob} rex pug" }),
            "two users both have a Dog 'rex'; the DBA sees each row's Realm path by joining realmsync.\"MappedRealm\"");
        Assert.That(File.ReadAllBytes(Path.Combine(journal.Inbound("/not-a-user"), Segment(1))), Is.EqualTo(strayJournal), "the refused path's journal is left untouched");
        Assert.That(await PostgresServer.ScalarAsync(connectionString, """SELECT count(*) FROM realmsync."MappedRealm" WHERE "RealmPath" = '/not-a-user';"""), Is.EqualTo(0L));
        Assert.That(Outbound(journal, Ann).OfType<InsertInstruction>().Select(i => Describe(i)), Is.EqualTo(new[] { "rex lab" }), "Ann's initial load holds her dog only");
        Assert.That(Outbound(journal, Bob).OfType<InsertInstruction>().Select(i => Describe(i)), Is.EquivalentTo(new[] { "rex pug", "max pug" }));

        // Ann clears her dogs: Bob's stay. Then SQL gives Bob a dog, and a row to a Realm id nobody has.
        Write(journal, Ann, 2, """{"type":"CLEAR","object_type":"Dog"}""");
        Assert.That(Sync(config).ExitCode, Is.EqualTo(Connector.ExitCodes.Stopped));
        Assert.That(await DogsAsync(connectionString), Is.EqualTo(new[] { $"{Bob} max pug", $"{Bob} rex pug" }), "a CLEAR from Ann never touches Bob's rows");
        await PostgresServer.ExecuteAsync(connectionString,
            $"""INSERT INTO public."Dog" (_realm_id, name, breed) SELECT "RealmId", 'sql', 'mutt' FROM realmsync."MappedRealm" WHERE "RealmPath" = '{Bob}';""",
            """INSERT INTO public."Dog" (_realm_id, name, breed) VALUES (424242, 'lost', 'none');""",
            """UPDATE public."Dog" SET breed = 'boxer' WHERE name = 'max';""");
        var annBefore = Outbound(journal, Ann).Count;
        sync = Sync(config);
        Assert.That(sync.Output, Does.Match(@"Poll: 1 transaction\(s\), \d+ row\(s\), 1 warning\(s\)"), "a row of no registered Realm is reported (the warning is logged)");
        var bob = Outbound(journal, Bob);
        Assert.That(bob.OfType<InsertInstruction>().Select(i => Describe(i)), Does.Contain("sql mutt"), "SQL's row goes to the Realm its _realm_id names");
        Assert.That(bob.OfType<SetInstruction>().Any(s => s.Identity == new StringValue("max")), Is.True, "SQL's update of Bob's max goes to Bob");
        Assert.That(Outbound(journal, Ann), Has.Count.EqualTo(annBefore), "nothing of Bob's reaches Ann");
        Assert.That(await DogsAsync(connectionString), Does.Contain("(none) lost none"), "the row of no registered Realm stays in the table");

        // A new user's Realm appears: registered by its first transaction, no deployment, no restart.
        Write(journal, "/0c0c/private", 1, """{"type":"INSERT","object_type":"Dog","identity":"rex","values":{"name":"rex","breed":"corgi"}}""");
        Assert.That(Sync(config).ExitCode, Is.EqualTo(Connector.ExitCodes.Stopped));
        Assert.That(await DogsAsync(connectionString), Does.Contain("/0c0c/private rex corgi"));
        Assert.That(Outbound(journal, "/0c0c/private").OfType<InsertInstruction>().Select(i => Describe(i)), Is.EqualTo(new[] { "rex corgi" }));

        // status sums the paths per mapping and warns of the row of no registered Realm; doctor says the same.
        var status = CliRun.Of("status", "--config", config);
        Assert.That(status.ExitCode, Is.EqualTo(Connector.ExitCodes.NotReady), status.Output + status.Error);
        Assert.That(status.Output, Does.Contain($"Partitioned mapping '{PartitionedRunner.Pattern}' (schema public, views public_realm)")
            .And.Contain($"Partitioned mapping '{PartitionedRunner.Pattern}': 3 Realm path(s) registered under it: 0 dead letter(s), 0 conflict(s), 0 outbox transaction(s) not shipped.")
            .And.Contain("warning: 1 row(s) whose _realm_id is no registered Realm (\"public\".\"Dog\": 1)"));
        // resend works per path: Bob's dogs only, after a CLEAR of his Dog class.
        var bobBefore = Outbound(journal, Bob).Count;
        var resend = CliRun.Of("resend", "--realm-path", Bob, "--class", "Dog", "--config", config);
        Assert.That(resend.ExitCode, Is.EqualTo(0), resend.Output + resend.Error);
        Sync(config);
        var resent = Outbound(journal, Bob).Skip(bobBefore).ToList();
        Assert.That(resent.OfType<ClearInstruction>().Select(c => c.ObjectType), Is.EquivalentTo(new[] { "Person", "Dog" }), "Dog, and Person whose links to dogs a CLEAR drops");
        Assert.That(resent.OfType<InsertInstruction>().Where(i => i.ObjectType == "Dog").Select(i => Describe(i)), Is.EquivalentTo(new[] { "max boxer", "rex pug", "sql mutt" }));
        Assert.That(Outbound(journal, Ann).Count, Is.EqualTo(annBefore), "Ann is not re-sent anything");
        var doctor = CliRun.Of("doctor", "--config", config);
        Assert.That(doctor.Output, Does.Contain("3 Realm path(s) registered; 1 row(s) whose _realm_id is no registered Realm"), doctor.Output);
    }

    /// <summary>The samples' schema deployed as the contract says: <c>bootstrap --provider postgres --realm-path-pattern REGEX --apply</c>.</summary>
    internal static async Task<(string ConnectionString, string Config)> DeployAsync(JournalDirectory journal)
    {
        PostgresServer.Require();
        var connectionString = await PostgresServer.CreateDatabaseAsync("seed");
        var config = PgTestConfig.Write(connectionString, journal.Root);
        var bootstrap = CliRun.Of("bootstrap", "--provider", "postgres", "--realm-schema", Path.Combine(PgSample.Samples, "realm-schema.json"),
            "--realm-path-pattern", PartitionedRunner.Pattern, "--out", Path.Combine(journal.Root, "out"), "--apply", "--config", config);
        Assert.That(bootstrap.ExitCode, Is.EqualTo(0), bootstrap.Error + bootstrap.Output);
        return (connectionString, config);
    }

    internal static CliRun Sync(string config) => CliRun.Of("sync", "--config", config);

    internal static string Segment(long version) => version.ToString("D20", System.Globalization.CultureInfo.InvariantCulture) + ".jsonl";

    internal static void Write(JournalDirectory journal, string path, long version, params string[] instructions) =>
        JournalDirectory.Write(Path.Combine(journal.Inbound(path), Segment(version)),
            $$"""{"realm_path":{{System.Text.Json.JsonSerializer.Serialize(path)}},"version":{{version}},"instructions":[{{string.Join(",", instructions)}}]}""" + "\n");

    internal static List<Instruction> Outbound(JournalDirectory journal, string path)
    {
        var outbound = journal.Paths.OutboundDirectory(path);
        return Directory.Exists(outbound)
            ? [.. Directory.EnumerateFiles(outbound, "*.jsonl").Order().SelectMany(File.ReadAllLines).Where(l => l.Length > 0).SelectMany(l => AdapterCodec.Decode(l).Instructions)]
            : [];
    }

    private static string Describe(InsertInstruction insert) =>
        $"{((StringValue)insert.Identity).Value} {(insert.Values.Find("breed") is StringValue b ? b.Value : "null")}";

    /// <summary>Every dog as "path name breed", the path by the join a DBA writes; "(none)" for a row of no registered Realm.</summary>
    internal static async Task<List<string>> DogsAsync(string connectionString)
    {
        await using var connection = await PostgresServer.OpenAsync(connectionString, CancellationToken.None);
        await using var command = new NpgsqlCommand(
            """
            SELECT COALESCE(r."RealmPath", '(none)') || ' ' || d.name || ' ' || COALESCE(d.breed, 'null')
            FROM public."Dog" AS d LEFT JOIN realmsync."MappedRealm" AS r ON r."RealmId" = d._realm_id ORDER BY 1;
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var dogs = new List<string>();
        while (await reader.ReadAsync())
        {
            dogs.Add(reader.GetString(0));
        }

        return dogs;
    }


}
