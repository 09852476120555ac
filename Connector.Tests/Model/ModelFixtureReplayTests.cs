using Connector.Adapter;
using Connector.RealmFile;
using Connector.Tests.Cli;
using Connector.Tests.InitialLoad;
using Connector.Tests.RealmFile;

namespace Connector.Tests.Model;

/// <summary>
/// Issue 10: <c>inspect --instructions</c> of every fixture replays on the model to what the reader read: the same
/// objects per class, with the same values (links compared by the target's identity).
/// </summary>
public sealed class ModelFixtureReplayTests : WorkFolderTest
{
    [TestCaseSource(typeof(RealmFixtures), nameof(RealmFixtures.All))]
    public void The_instructions_of_a_fixture_replay_on_the_model_to_what_the_reader_read(string fixture)
    {
        var file = RepositoryPaths.RequireRealmFixture(fixture);
        var output = Path.Combine(Work, "load.jsonl");
        var run = CliRun.Of("inspect", "--realm-file", file, "--instructions", "--transaction-size", "50", "--out", output);
        Assert.That(run.ExitCode, Is.Zero, run.Error);

        // Realm stores the one null-keyed object (core-upgrade-23.realm has one), so the model does too.
        var model = new RealmModel(ModelOptions.Realm);
        using (var stream = File.OpenRead(output))
        {
            foreach (var transaction in AdapterCodec.ReadJsonl(stream, requireFinalNewline: true))
            {
                var outcome = model.Apply(transaction);
                Assert.That(outcome.Status, Is.EqualTo(ModelStatus.Applied), $"version {transaction.Version}: {outcome}");
            }
        }

        using var reader = RealmFileReader.Open(file);
        var expected = InitialLoadReplayTests.Expected(reader);
        foreach (var realmClass in reader.Schema.Classes)
        {
            var actual = model.Identities(realmClass.Name).Select(identity => InitialLoadReplayTests.Render(identity, model.Values(realmClass.Name, identity)));
            Assert.That(actual, Is.EquivalentTo(expected[realmClass.Name]), realmClass.Name);
        }

        Assert.That(model.Classes.Select(c => c.Name), Is.EquivalentTo(reader.Schema.Classes.Select(c => c.Name)));
    }

    [Test]
    public void Under_null_keys_refuse_the_null_keyed_object_of_a_fixture_is_left_out_as_the_sql_server_applier_does()
    {
        var run = CliRun.Of("inspect", "--realm-file", RepositoryPaths.RequireRealmFixture("core-upgrade-23.realm"), "--instructions");
        var model = new RealmModel(ModelOptions.SqlServer);

        var leftOut = AdapterCodec.ReadJsonl(new StringReader(run.Output)).SelectMany(t => model.Apply(t).LeftOut).ToList();

        Assert.That(leftOut.Select(r => (r.ClassName, r.Instructions.Length)), Is.EqualTo(new[] { ("table2", 1) }));
        Assert.That(model.Identities("table2"), Has.Count.EqualTo(19), "inspect counts 20 objects of table2, one with a null key");
    }
}
