using System.Text.RegularExpressions;
using Connector.SqlServer.Sql;
using Connector.Tests.Cli;

namespace Connector.Tests.RealmCore;

/// <summary>
/// Objects with a null primary key (one per class with an optional int, string, objectId or uuid key) in a file
/// realm-core writes: <c>inspect --instructions</c> exports them, and <c>plan</c> leaves out exactly those objects,
/// each named by its class in a warning, plans every other object, and exits 0 (issue 9, point 5).
/// </summary>
public sealed class NullKeyOracleTests : WorkFolderTest
{
    private const string Spec = """
        {"schema": [{"name": "Tag", "primaryKey": "code", "properties": {"code": "string?", "label": "string?"}},
                    {"name": "Count", "primaryKey": "n", "properties": {"n": "int?", "label": "string?"}},
                    {"name": "Oid", "primaryKey": "k", "properties": {"k": "objectId?", "label": "string?"}},
                    {"name": "Uid", "primaryKey": "k", "properties": {"k": "uuid?", "label": "string?"}},
                    {"name": "Post", "primaryKey": "id", "properties": {"id": "int", "main": "Tag", "tags": "Tag[]"}}],
         "objects": {"Tag": [{"code": null, "label": "none"}, {"code": "a", "label": "first"}],
                     "Count": [{"n": 7, "label": "seven"}, {"n": null, "label": "zero"}],
                     "Oid": [{"k": null, "label": "none"}, {"k": "5f1b2c3d4e5f60718293a4b5", "label": "one"}],
                     "Uid": [{"k": null, "label": "none"}, {"k": "3b241101-e2bb-4255-8caf-4136c566a962", "label": "one"}],
                     "Post": [{"id": 1, "main": "a", "tags": ["a"]}]}}
        """;

    [Test]
    public void Plan_leaves_out_each_null_keyed_object_by_class_and_plans_every_other_object()
    {
        var file = Path.Combine(Work, "nullkey.realm");
        RealmCoreTool.Create(Spec, file);
        foreach (var className in new[] { "Tag", "Count", "Oid", "Uid" })
        {
            Assert.That(RealmCoreTool.DumpObjects(file, className), Has.Count.EqualTo(2), $"realm-core holds both objects of {className}");
        }

        var schema = Path.Combine(Work, "schema.json");
        var instructions = Path.Combine(Work, "instructions.jsonl");
        File.WriteAllText(schema, CliRun.Of("inspect", "--realm-file", file).Output);
        var inspect = CliRun.Of("inspect", "--realm-file", file, "--instructions", "--out", instructions);
        Assert.That(inspect.ExitCode, Is.Zero, inspect.Error);

        var run = CliRun.Of("plan", "--realm-schema", schema, "--instructions", instructions, "--out", Work);
        var script = File.ReadAllText(Path.Combine(Work, "plan.sql"));

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        var warnings = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(warnings.Select(w => Regex.Match(w, "class '([^']+)'").Groups[1].Value).Order(), Is.EqualTo(new[] { "Count", "Oid", "Tag", "Uid" }));
        Assert.That(warnings, Has.All.Match("^warning: version 1, instruction \\d+: class '\\w+': an object with a null primary key cannot be stored in SQL Server .*the 1 instruction\\(s\\) naming it"));
        Assert.That(TSqlScriptParser.Errors(script), Is.Empty);
        Assert.That(script, Does.Contain("(N'a', N'first'").Or.Contain("N'a', N'first'"));
        Assert.That(script, Does.Contain("N'seven'").And.Contain("0x5F1B2C3D4E5F60718293A4B5").And.Contain("N'one'"));
        Assert.That(script, Does.Not.Contain("N'none'").And.Not.Contain("N'zero'"), "no null-keyed object is planned");
        Assert.That(script, Does.Contain("Upsert 'Post'"));
    }
}
