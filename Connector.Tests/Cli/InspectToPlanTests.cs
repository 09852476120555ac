using System.Globalization;
using System.Text.RegularExpressions;
using Connector.SqlServer.Sql;

namespace Connector.Tests.Cli;

/// <summary>
/// The offline path a DBA takes with an existing Realm, end to end: a .realm file's schema and content
/// (inspect) planned by the applier (plan) against that schema, for every readable fixture.
/// </summary>
public class InspectToPlanTests : WorkFolderTest
{
    private static readonly string[] Fixtures =
    [
        "core-asymmetric-22.realm", "core-upgrade-20.realm", "core-upgrade-22.realm", "dotnet-guids-24.realm",
        "dotnet-migration-22.realm", "dotnet-v6db-22.realm", "js-dates-23.realm", "js-parents-22.realm", "kotlin-objectid-23.realm",
    ];

    [TestCaseSource(nameof(Fixtures))]
    public void The_instructions_of_a_realm_file_plan_cleanly_against_its_own_schema(string fixture)
    {
        var (run, script) = InspectThenPlan(fixture);

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(TSqlScriptParser.Errors(script), Is.Empty);
    }

    [Test]
    public void An_object_with_a_null_primary_key_is_left_out_by_name_and_every_other_object_is_planned()
    {
        var (run, script) = InspectThenPlan("core-upgrade-23.realm");

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single(), Does.Match(
            @"^warning: version \d+, instruction \d+: class 'table2': an object with a null primary key cannot be stored in SQL Server .*; the 1 instruction\(s\) naming it \(index \d+\) were left out, the rest of the transaction was applied$"));
        Assert.That(TSqlScriptParser.Errors(script), Is.Empty);
        Assert.That(script, Does.Not.Contain("BAD TRANSACTION"));
        // inspect counts 20 objects of table2: the 19 with a key are planned in one call, the null-keyed one is not.
        var call = Regex.Match(script, @"-- instructions (\d+)-(\d+): Upsert 'table2'\n");
        Assert.That(call.Success, Is.True, "no Upsert of table2 in plan.sql");
        Assert.That(int.Parse(call.Groups[2].Value, CultureInfo.InvariantCulture) - int.Parse(call.Groups[1].Value, CultureInfo.InvariantCulture) + 1, Is.EqualTo(19));
    }

    private (CliRun Run, string Script) InspectThenPlan(string fixture)
    {
        var file = RepositoryPaths.RequireRealmFixture(fixture);
        var schema = Path.Combine(Work, "schema.json");
        var instructions = Path.Combine(Work, "instructions.jsonl");
        File.WriteAllText(schema, CliRun.Of("inspect", "--realm-file", file).Output);
        Assert.That(CliRun.Of("inspect", "--realm-file", file, "--instructions", "--out", instructions).ExitCode, Is.Zero);

        var run = CliRun.Of("plan", "--realm-schema", schema, "--instructions", instructions, "--out", Work);
        return (run, File.ReadAllText(Path.Combine(Work, "plan.sql")));
    }
}
