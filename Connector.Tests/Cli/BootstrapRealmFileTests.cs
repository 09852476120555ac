using Connector.SqlServer.Sql;
using Connector.Tests.RealmFile;

namespace Connector.Tests.Cli;

/// <summary><c>bootstrap --realm-file</c>: the schema read from a .realm file instead of exported JSON.</summary>
public sealed class BootstrapRealmFileTests : WorkFolderTest
{
    [TestCaseSource(typeof(RealmFixtures), nameof(RealmFixtures.All))]
    public void Bootstrap_from_a_realm_file_writes_the_dacpac_and_a_parseable_deploy_script(string fixture)
    {
        var output = Path.Combine(Work, "out");

        var run = CliRun.Of("bootstrap", "--realm-file", RepositoryPaths.RequireRealmFixture(fixture), "--out", output);

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(Directory.GetFiles(output).Select(Path.GetFileName), Is.EquivalentTo(new[] { "schema.dacpac", "deploy.sql" }));
        Assert.That(TSqlScriptParser.Errors(File.ReadAllText(Path.Combine(output, "deploy.sql"))), Is.Empty);
    }

    [Test]
    public void The_same_schema_from_inspect_json_gives_the_same_deploy_script()
    {
        var file = RepositoryPaths.RequireRealmFixture("js-parents-22.realm");
        var schema = Path.Combine(Work, "js-parents-22.realm");
        File.WriteAllText(schema, CliRun.Of("inspect", "--realm-file", file).Output);

        Assert.That(CliRun.Of("bootstrap", "--realm-file", file, "--out", Path.Combine(Work, "a")).ExitCode, Is.Zero);
        Assert.That(CliRun.Of("bootstrap", "--realm-schema", schema, "--out", Path.Combine(Work, "b")).ExitCode, Is.Zero);

        // Both record the same source file name; only the embedded dacpac (a zip with file times) differs.
        Assert.That(ScriptWithoutDacpac(Path.Combine(Work, "a")), Is.EqualTo(ScriptWithoutDacpac(Path.Combine(Work, "b"))));
    }

    [Test]
    public void An_encrypted_file_is_bad_input_that_says_so()
    {
        var run = CliRun.Of("bootstrap", "--realm-file", RepositoryPaths.RequireRealmFixture("core-encrypted.realm"), "--out", Path.Combine(Work, "out"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(run.Error, Does.StartWith("error: --realm-file: ").And.Contain("encrypted"));
        Assert.That(Directory.Exists(Path.Combine(Work, "out")), Is.False, "nothing written");
    }

    [Test]
    public void A_missing_file_is_bad_input()
    {
        var run = CliRun.Of("bootstrap", "--realm-file", Path.Combine(Work, "missing.realm"), "--out", Path.Combine(Work, "out"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(run.Error, Does.Contain("missing.realm"));
    }

    [Test]
    public void Both_schema_sources_at_once_are_a_usage_error()
    {
        var run = CliRun.Of("bootstrap", "--realm-file", "a.realm", "--realm-schema", "a.json", "--out", Work);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.StartWith("error: bootstrap takes the Realm schema from one place: give --realm-schema FILE or --realm-file FILE, not both."));
    }

    [Test]
    public void Without_a_schema_source_the_error_names_both_options()
    {
        var run = CliRun.Of("bootstrap", "--out", Work);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(run.Error, Does.Contain("--realm-schema FILE").And.Contain("--realm-file FILE"));
    }

    private static string[] ScriptWithoutDacpac(string folder) =>
        File.ReadAllLines(Path.Combine(folder, "deploy.sql")).Where(line => !line.Contains("0x504B", StringComparison.Ordinal)).ToArray();
}
