using Connector.RealmFile;
using Connector.RealmSchema;
using Connector.Tests.RealmFile;

namespace Connector.Tests.Cli;

public sealed class InspectCommandTests : WorkFolderTest
{
    [TestCaseSource(typeof(RealmFixtures), nameof(RealmFixtures.All))]
    public void Inspect_prints_schema_json_that_imports_back_to_the_same_schema(string fixture)
    {
        var file = RepositoryPaths.RequireRealmFixture(fixture);

        var run = CliRun.Of("inspect", "--realm-file", file);

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        using var reader = RealmFileReader.Open(file);
        Assert.That(RealmSchemaImporter.Import(run.Output, fixture), Is.EqualTo(reader.Schema));
    }

    [Test]
    public void Bookkeeping_classes_appear_only_when_asked_for()
    {
        var file = RepositoryPaths.RequireRealmFixture("dotnet-v6db-22.realm");

        var without = RealmSchemaImporter.Import(CliRun.Of("inspect", "--realm-file", file).Output, "default");
        var with = RealmSchemaImporter.Import(CliRun.Of("inspect", "--realm-file", file, "--include-bookkeeping").Output, "bookkeeping");

        Assert.That(without.Find("__Role"), Is.Null);
        Assert.That(with.Find("__Role"), Is.Not.Null);
        Assert.That(with.Classes.Length, Is.GreaterThan(without.Classes.Length));
    }

    [Test]
    public void Legacy_dotnet_guids_change_the_uuids_printed()
    {
        var file = RepositoryPaths.RequireRealmFixture("dotnet-guids-24.realm");

        var legacy = CliRun.Of("inspect", "--realm-file", file, "--instructions", "--legacy-dotnet-guids");

        Assert.That(legacy.ExitCode, Is.Zero, legacy.Error);
        Assert.That(legacy.Output, Does.Contain("\"f8f37f1f-26c5-415e-b45c-12dbdc8478c8\""));
        Assert.That(CliRun.Of("inspect", "--realm-file", file, "--instructions").Output, Does.Contain("\"1f7ff3f8-c526-5e41-b45c-12dbdc8478c8\""));
    }

    [Test]
    public void Out_writes_the_file_whole_and_nothing_to_stdout()
    {
        var output = Path.Combine(Work, "sub", "schema.json");

        var run = CliRun.Of("inspect", "--realm-file", RepositoryPaths.RequireRealmFixture("js-parents-22.realm"), "--out", output);

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Output, Is.Empty);
        Assert.That(RealmSchemaImporter.Import(File.ReadAllText(output), output).Classes.Select(c => c.Name), Is.EqualTo(new[] { "Child", "Parent" }));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(output)!), Has.Length.EqualTo(1), "no temporary file left");
    }

    [Test]
    public void A_failed_read_leaves_an_existing_out_file_alone()
    {
        var output = Path.Combine(Work, "load.jsonl");
        File.WriteAllText(output, "old");

        var run = CliRun.Of("inspect", "--realm-file", RepositoryPaths.RequireRealmFixture("core-encrypted.realm"), "--instructions", "--out", output);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(File.ReadAllText(output), Is.EqualTo("old"));
        Assert.That(Directory.GetFiles(Work), Has.Length.EqualTo(1));
    }

    [TestCase("inspect")]
    [TestCase("inspect", "--instructions")]
    public void An_encrypted_file_is_bad_input_that_says_so(params string[] command)
    {
        var run = CliRun.Of([.. command, "--realm-file", RepositoryPaths.RequireRealmFixture("core-encrypted.realm")]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(run.Error, Does.StartWith("error: --realm-file: ").And.Contain("encrypted"));
        Assert.That(run.Output, Is.Empty);
    }

    [Test]
    public void A_missing_file_is_bad_input()
    {
        var missing = Path.Combine(Work, "missing.realm");

        var run = CliRun.Of("inspect", "--realm-file", missing);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(run.Error, Does.StartWith("error: --realm-file: ").And.Contain(missing));
    }

    [Test]
    public void A_transaction_size_below_one_is_a_usage_error()
    {
        var run = CliRun.Of("inspect", "--realm-file", "x.realm", "--instructions", "--transaction-size", "0");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.StartWith("error: --transaction-size must be at least 1."));
    }

    [Test]
    public void Help_documents_every_option()
    {
        var run = CliRun.Of("inspect", "--help");

        Assert.That(run.ExitCode, Is.Zero);
        Assert.That(run.Output, Does.Contain("--realm-file").And.Contain("--instructions").And.Contain("--include-bookkeeping")
            .And.Contain("--legacy-dotnet-guids").And.Contain("--transaction-size").And.Contain("--realm-path").And.Contain("--out"));
    }
}
