using Connector.Tests.Cli;
using Connector.Tests.Journal;

namespace Connector.Tests.Postgres.Partitioned;

/// <summary>
/// One schema for every Realm of a partitioned mapping (issue 12): a property one Realm adds exists for all of them, and
/// a definition that contradicts the schema in force is bad input for that transaction alone, dead-lettered as usual.
/// </summary>
[TestFixture]
public sealed class SharedSchemaTests
{
    [Test]
    public async Task A_property_added_by_one_realm_is_everyones_and_a_contradicting_definition_is_dead_lettered()
    {
        using var journal = new JournalDirectory();
        var (connectionString, config) = await SeedScenarioTests.DeployAsync(journal);
        const string ann = "/0a11/private", bob = "/0b0b/private";
        SeedScenarioTests.Write(journal, ann, 1,
            """{"type":"ADD_PROPERTIES","object_type":"Dog","properties":{"color":{"type":"string","nullable":true}}}""",
            """{"type":"INSERT","object_type":"Dog","identity":"rex","values":{"name":"rex","color":"brown"}}""");
        Assert.That(SeedScenarioTests.Sync(config).ExitCode, Is.EqualTo(0));

        // Bob never declared color: Ann's growth is his schema too.
        SeedScenarioTests.Write(journal, bob, 1, """{"type":"INSERT","object_type":"Dog","identity":"rex","values":{"name":"rex","color":"white"}}""");
        var sync = SeedScenarioTests.Sync(config);
        Assert.That(sync.ExitCode, Is.EqualTo(0), sync.Output + sync.Error);
        Assert.That(await PostgresServer.ScalarAsync(connectionString, """SELECT string_agg(color, ',' ORDER BY color) FROM public."Dog";"""), Is.EqualTo("brown,white"));

        // Bob's version 2 says color is an int: bad input for his transaction only; the path stops (Sync.OnBadTransaction = stop).
        SeedScenarioTests.Write(journal, bob, 2,
            """{"type":"ADD_PROPERTIES","object_type":"Dog","properties":{"color":{"type":"int","nullable":true}}}""",
            """{"type":"INSERT","object_type":"Dog","identity":"max","values":{"name":"max","color":1}}""");
        sync = SeedScenarioTests.Sync(config);
        Assert.That(sync.ExitCode, Is.EqualTo(Connector.ExitCodes.Stopped), sync.Output + sync.Error);
        Assert.That(await PostgresServer.ScalarAsync(connectionString,
            $"""SELECT count(*) FROM realmsync."DeadLetter" AS d JOIN realmsync."MappedRealm" AS r ON r."RealmId" = d."RealmId" WHERE r."RealmPath" = '{bob}' AND d."Version" = 2;"""),
            Is.EqualTo(1L), "the contradicting transaction is dead-lettered under Bob's path");
        Assert.That(await PostgresServer.ScalarAsync(connectionString, """SELECT count(*) FROM public."Dog" WHERE name = 'max';"""), Is.EqualTo(0L), "nothing of it applied");
        Assert.That(await PostgresServer.ScalarAsync(connectionString,
            """SELECT data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'Dog' AND column_name = 'color';"""), Is.EqualTo("text"));

        // Ann goes on: her path is not stopped by Bob's bad transaction.
        SeedScenarioTests.Write(journal, ann, 2, """{"type":"SET","object_type":"Dog","identity":"rex","values":{"color":"black"}}""");
        SeedScenarioTests.Sync(config);
        Assert.That(await PostgresServer.ScalarAsync(connectionString, """SELECT string_agg(color, ',' ORDER BY color) FROM public."Dog";"""), Is.EqualTo("black,white"));
    }
}
