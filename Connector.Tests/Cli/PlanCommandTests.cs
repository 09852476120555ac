using Connector.SqlServer.Sql;


namespace Connector.Tests.Cli;

public class PlanCommandTests : WorkFolderTest
{
    private static string Schema => Path.Combine(RepositoryPaths.Root, "samples", "realm-schema.json");

    private static string Instructions => Path.Combine(RepositoryPaths.Root, "samples", "instructions.jsonl");

    [Test]
    public void Plan_writes_the_T_SQL_of_the_README_sample()
    {
        var run = CliRun.Of("plan", "--realm-schema", Schema, "--instructions", Instructions, "--out", Work);

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Output, Is.EqualTo($"Planned 4 transaction(s) for Realm path '/default': wrote {Path.Combine(Work, "plan.sql")}.\n"));
        var script = File.ReadAllText(Path.Combine(Work, "plan.sql"));
        Assert.That(TSqlScriptParser.Errors(script), Is.Empty);
        Assert.That(script, Does.Contain("-- version 3: 2 call(s), after a schema deployment"));
        Assert.That(script, Does.Contain("ALTER TABLE [dbo].[Dog]\n    ADD [weight] FLOAT (53) NULL;"));
    }

    [Test]
    public void A_bad_transaction_is_reported_with_line_version_and_path_and_stops_the_plan_there()
    {
        var file = Path.Combine(Work, "bad.jsonl");
        var lines = File.ReadAllLines(Instructions).ToList();
        lines.Insert(1, """{"realm_path":"/default","version":2,"instructions":[{"type":"SET","object_type":"Dog","identity":"Fido","values":{"wieght":13}}]}""");
        File.WriteAllLines(file, lines);

        var run = CliRun.Of("plan", "--realm-schema", Schema, "--instructions", file, "--out", Work);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(run.Error, Is.EqualTo("error: line 2: version 2: $.instructions[0].values.wieght: class 'Dog' has no property 'wieght'\n"));
        Assert.That(run.Output, Does.StartWith("Planned 1 transaction(s)"));
        Assert.That(File.ReadAllText(Path.Combine(Work, "plan.sql")), Does.Contain("-- onBadTransaction = stop: the applier stops this Realm path here."));
    }

    [Test]
    public void With_skip_the_plan_goes_on_after_a_bad_transaction_and_skips_versions_already_applied()
    {
        var file = Path.Combine(Work, "bad.jsonl");
        File.WriteAllLines(file,
        [
            """{"realm_path":"/default","version":1,"instructions":[{"type":"DELETE","object_type":"Cat","identity":"x"}]}""",
            """{"realm_path":"/default","version":2,"instructions":[{"type":"DELETE","object_type":"Dog","identity":"x"}]}""",
            """{"realm_path":"/default","version":2,"instructions":[{"type":"DELETE","object_type":"Dog","identity":"x"}]}""",
        ]);

        var run = CliRun.Of("plan", "--realm-schema", Schema, "--instructions", file, "--out", Work, "--on-bad-transaction", "skip");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(run.Output, Does.StartWith("Planned 1 transaction(s)"));
        Assert.That(File.ReadAllText(Path.Combine(Work, "plan.sql")), Does.Contain("-- version 2: skipped, at or below the cursor (2): already applied"));
    }

    [Test]
    public void An_object_with_a_null_primary_key_is_a_warning_naming_its_class_and_the_rest_is_planned()
    {
        var file = Path.Combine(Work, "nullkey.jsonl");
        File.WriteAllLines(file,
        [
            """{"realm_path":"/default","version":1,"instructions":[{"type":"ADD_TYPE","object_type":"Tag","primary_key":"code","properties":{"code":"int?"}},""" +
            """{"type":"INSERT","object_type":"Tag","identity":null,"values":{"code":null}},{"type":"INSERT","object_type":"Tag","identity":4,"values":{"code":4}}]}""",
            """{"realm_path":"/default","version":2,"instructions":[{"type":"DELETE","object_type":"Dog","identity":"x"}]}""",
        ]);

        var run = CliRun.Of("plan", "--realm-schema", Schema, "--instructions", file, "--out", Work);

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Output, Does.StartWith("Planned 2 transaction(s)"));
        Assert.That(run.Error, Is.EqualTo(
            "warning: version 1, instruction 1: class 'Tag': an object with a null primary key cannot be stored in SQL Server (a null key is indistinguishable from \"no link\" in link columns); " +
            "the 1 instruction(s) naming it (index 1) were left out, the rest of the transaction was applied\n"));
        var script = File.ReadAllText(Path.Combine(Work, "plan.sql"));
        Assert.That(TSqlScriptParser.Errors(script), Is.Empty);
        Assert.That(script, Does.Contain("-- LEFT OUT, recorded in realmsync.DeadLetter: class 'Tag'"));
        Assert.That(script, Does.Contain("-- instruction 2: Upsert 'Tag'"));
    }

    [Test]
    public void A_missing_instructions_file_is_bad_input() =>
        Assert.That(CliRun.Of("plan", "--realm-schema", Schema, "--instructions", Path.Combine(Work, "none.jsonl"), "--out", Work).ExitCode, Is.EqualTo(ExitCodes.BadInput));
}
