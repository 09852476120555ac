using Connector.Adapter;
using Connector.Applier;
using Connector.Postgres;
using Connector.RealmFile;
using Connector.Tests.Cli;
using Connector.Tests.Model;
using Connector.Tests.RealmFile;

namespace Connector.Tests.Postgres.EndToEnd;

/// <summary>
/// Issue 10, section 4: every real <c>.realm</c> fixture end to end on PostgreSQL. <c>inspect --instructions</c> gives
/// its content as a stream; PostgreSQL is bootstrapped from the file's own schema (as <c>bootstrap --realm-file</c>
/// does) and the inbound runner applies the stream from a journal. The tables then equal the model's state for the same
/// stream, and hold as many objects per class as the reader read (less the null-keyed one PostgreSQL cannot store).
/// </summary>
[TestFixture]
[CancelAfter(600_000)]
public sealed class FixtureFileTests
{
    [Test]
    public void The_encrypted_fixture_is_refused_naming_encryption_and_gives_no_stream()
    {
        var run = CliRun.Of("inspect", "--realm-file", RepositoryPaths.RequireRealmFixture("core-encrypted.realm"), "--instructions");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput), run.Error);
        Assert.That(run.Error, Does.Contain("encrypted"));
        Assert.That(run.Output, Is.Empty);
    }

    [TestCaseSource(typeof(RealmFixtures), nameof(RealmFixtures.All))]
    public async Task The_instructions_of_a_fixture_applied_to_PostgreSQL_equal_the_model_and_the_reader(string fixture)
    {
        PostgresServer.Require();
        var file = RepositoryPaths.RequireRealmFixture(fixture);
        var run = CliRun.Of("inspect", "--realm-file", file, "--instructions", "--transaction-size", "500");
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        using var reader = RealmFileReader.Open(file);
        await using var harness = await PgInboundHarness.StartAsync(
            await PostgresServer.CreateDatabaseAsync("fixture"), reader.Schema, Connector.InitialLoad.InitialLoadOptions.DefaultRealmPath, "app", fixture);
        var model = new RealmModel(ModelOptions.Postgres);
        var leftOut = new List<NullKeyRefusal>();
        var refused = new List<AdapterTransaction>();
        var deadLetters = new List<(long, int?)>();
        foreach (var transaction in AdapterCodec.ReadJsonl(new StringReader(run.Output)))
        {
            var outcome = model.Apply(transaction);
            leftOut.AddRange(outcome.LeftOut);
            deadLetters.AddRange(outcome.LeftOut.Select(r => (transaction.Version, (int?)r.Instructions[0])));
            if (outcome.Status == ModelStatus.Refused)
            {
                refused.Add(transaction);
                deadLetters.Add((transaction.Version, outcome.InstructionIndex));
            }

            harness.Append(transaction);
        }

        // PostgreSQL refuses what it cannot hold (core-upgrade-23 has a U+0000 in a mixed set): skipped, as the model says.
        var result = await harness.RunOnceAsync(new ApplierOptions(OnBadTransaction: BadTransactionPolicy.Skip));

        var journaled = harness.Journaled.Count;
        Assert.That((result.Status, result.Applied, result.DeadLettered, result.LeftOut, result.Cursor),
            Is.EqualTo((InboundRunStatus.CaughtUp, journaled - refused.Count, refused.Count, leftOut.Count, (long)journaled)), result.Reason);
        Assert.That((await harness.DeadLettersAsync()).Select(d => ((long)d[0]!, (int?)d[1])), Is.EquivalentTo(deadLetters));
        Assert.That(await harness.StateAsync(), Is.EqualTo(StateTexts.FromModel(model)));
        var tables = (await harness.QueryAsync("""SELECT c."ClassName", c."SqlTable" FROM realmsync."MappedClass" AS c""")).ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.That(tables.Keys, Is.EquivalentTo(reader.Schema.Classes.Select(c => c.Name)));
        foreach (var realmClass in reader.Schema.Classes)
        {
            // The reader's objects, less the null-keyed one left out and those inserted by a refused transaction.
            var expected = reader.ReadObjects(realmClass.Name).LongCount() - leftOut.Count(r => r.ClassName == realmClass.Name)
                - refused.SelectMany(t => t.Instructions).OfType<InsertInstruction>().Count(i => i.ObjectType == realmClass.Name);
            Assert.That(await harness.ScalarAsync($"SELECT count(*) FROM {PgIdentifier.Quote("app", tables[realmClass.Name])}"), Is.EqualTo(expected), realmClass.Name);
        }
    }
}
